#include "app/plot/pdp_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/plot/axes.hpp"
#include "app/plot/palette.hpp"

namespace lab::plot {

void pdp_chart(const char* id, const PdpChartData& d, const char* x_label, const char* y_label, float height) {
  const size_t n = d.average.size();
  double y0 = INFINITY, y1 = -INFINITY;
  for (double v : d.average) y0 = std::min(y0, v), y1 = std::max(y1, v);
  for (const auto& line : d.ice)
    for (double v : line) y0 = std::min(y0, v), y1 = std::max(y1, v);
  if (!std::isfinite(y0)) y0 = 0, y1 = 1;
  const double pad = (y1 - y0) * 0.08 + 1e-9;
  y0 -= pad;
  y1 += pad;
  // A strip at the bottom for the rug, under the curves.
  const double rug_share = 0.12;
  y0 -= (y1 - y0) * rug_share;
  double x0 = 0, x1 = 1;
  if (d.categorical) x0 = -0.5, x1 = double(n) - 0.5;
  else if (n > 0) x0 = d.grid.front(), x1 = d.grid.back() > d.grid.front() ? d.grid.back() : d.grid.front() + 1;
  Axes a;
  if (n == 0 || !begin_axes(id, height, x0, x1, y0, y1, x_label, y_label, d.categorical ? XTicks::None : XTicks::Numeric, a)) {
    end_axes();
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fh = ImGui::GetFontSize();
  const ImU32 ice_color = ImGui::GetColorU32(ImGuiCol_Text, 0.18f), avg_color = ramp_color(1.0);
  const ImU32 rug_color = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.7f);
  const float rug_top = a.max.y - float(rug_share) * (a.max.y - a.min.y) * 0.85f;
  dl->PushClipRect(a.min, a.max, true);
  auto x_of = [&](size_t i) { return d.categorical ? a.X(double(i)) : a.X(d.grid[i]); };
  if (d.categorical) {
    double most = 1;
    for (double c : d.rug_counts) most = std::max(most, c);
    const float half = std::max(2.0f, (a.X(1.0) - a.X(0.0)) * 0.3f);
    for (size_t i = 0; i < n; ++i) {
      if (i < d.rug_counts.size())
        dl->AddRectFilled(ImVec2(x_of(i) - half, a.max.y - float(d.rug_counts[i] / most) * (a.max.y - rug_top)),
                          ImVec2(x_of(i) + half, a.max.y), rug_color);
      for (const auto& line : d.ice)
        if (i < line.size()) dl->AddCircleFilled(ImVec2(x_of(i), a.Y(line[i])), 2.5f, ImGui::GetColorU32(ImGuiCol_Text, 0.4f), 6);
      dl->AddLine(ImVec2(x_of(i) - half, a.Y(d.average[i])), ImVec2(x_of(i) + half, a.Y(d.average[i])), avg_color, 3.0f);
    }
  } else {
    for (double v : d.rug) dl->AddLine(ImVec2(a.X(v), rug_top), ImVec2(a.X(v), a.max.y), rug_color);
    std::vector<ImVec2> pts(n);
    for (const auto& line : d.ice) {
      for (size_t i = 0; i < n && i < line.size(); ++i) pts[i] = ImVec2(x_of(i), a.Y(line[i]));
      dl->AddPolyline(pts.data(), int(std::min(n, line.size())), ice_color, 0, 1.0f);
    }
    for (size_t i = 0; i < n; ++i) pts[i] = ImVec2(x_of(i), a.Y(d.average[i]));
    dl->AddPolyline(pts.data(), int(n), avg_color, 0, 3.0f);
  }
  dl->PopClipRect();
  if (d.categorical) {
    // Category names under their marks, cut to the room each has.
    const float room = a.X(1.0) - a.X(0.0) - fh * 0.3f;
    for (size_t i = 0; i < n && i < d.categories.size(); ++i) {
      std::string s = d.categories[i];
      while (s.size() > 1 && ImGui::CalcTextSize(s.c_str()).x > room) s = s.substr(0, s.size() - 2) + "~";
      const ImVec2 ts = ImGui::CalcTextSize(s.c_str());
      dl->AddText(ImVec2(x_of(i) - ts.x * 0.5f, a.max.y + fh * 0.2f), ImGui::GetColorU32(ImGuiCol_TextDisabled), s.c_str());
    }
  }
  legend(a, {"average (partial dependence)", "single rows (ICE)"}, {avg_color, ImGui::GetColorU32(ImGuiCol_Text, 0.45f)});
  if (a.hovered) {
    const float mx = ImGui::GetIO().MousePos.x;
    size_t best = 0;
    for (size_t i = 1; i < n; ++i)
      if (std::fabs(x_of(i) - mx) < std::fabs(x_of(best) - mx)) best = i;
    char num[32];
    std::snprintf(num, sizeof num, "%.4g", d.grid.empty() ? 0.0 : d.grid[best]);
    const std::string at = d.categorical ? (best < d.categories.size() ? d.categories[best] : "") : num;
    ImGui::SetTooltip("%s = %s\naverage answer %.4g\n%s", x_label, at.c_str(), d.average[best],
                      d.categorical ? "bars at the bottom: how many rows have each category"
                                    : "ticks at the bottom: the rows' own values");
  }
  end_axes();
}

}  // namespace lab::plot
