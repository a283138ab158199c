#include "app/plot/scatter_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/plot/line_chart.hpp"
#include "app/plot/step_chart.hpp"
#include "imgui.h"

namespace lab::plot {

int scatter_plot(const char* id, const std::vector<double>& xs_in, const std::vector<double>& ys,
                 const std::vector<std::string>& labels, const char* x_label, const char* y_label, bool log_x, float height) {
  ImGui::PushID(id);
  ImVec2 size(ImGui::GetContentRegionAvail().x, height);
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("sc", size);
  bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float fh = ImGui::GetFontSize();
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
  ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled), text = ImGui::GetColorU32(ImGuiCol_Text);
  std::vector<double> xs(xs_in.size());
  for (size_t i = 0; i < xs.size(); ++i) xs[i] = log_x ? (xs_in[i] > 0 ? std::log10(xs_in[i]) : NAN) : xs_in[i];
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (size_t i = 0; i < xs.size(); ++i)
    if (std::isfinite(xs[i]) && std::isfinite(ys[i])) {
      x0 = std::min(x0, xs[i]); x1 = std::max(x1, xs[i]);
      y0 = std::min(y0, ys[i]); y1 = std::max(y1, ys[i]);
    }
  if (!std::isfinite(x0)) {
    dl->AddText(ImVec2(p0.x + fh, p0.y + fh), dim, "no runs have both values (numeric params only)");
    ImGui::PopID();
    return -1;
  }
  if (x1 - x0 < 1e-12) { x0 -= 0.5; x1 += 0.5; }
  if (y1 - y0 < 1e-12) { y0 -= 0.5; y1 += 0.5; }
  double px = (x1 - x0) * 0.05, py = (y1 - y0) * 0.08;
  x0 -= px; x1 += px; y0 -= py; y1 += py;
  float left = fh * 4.2f, bottom = fh * 2.4f, top = fh * 1.4f, right = fh * 0.8f;
  ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  auto X = [&](double x) { return float(a.x + (x - x0) / (x1 - x0) * (b.x - a.x)); };
  auto Y = [&](double y) { return float(b.y - (y - y0) / (y1 - y0) * (b.y - a.y)); };
  ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border, 0.6f);
  char buf[32];
  for (double t : nice_ticks(y0, y1, 5)) {
    dl->AddLine(ImVec2(a.x, Y(t)), ImVec2(b.x, Y(t)), grid);
    std::snprintf(buf, sizeof buf, "%.3g", t);
    dl->AddText(ImVec2(a.x - ImGui::CalcTextSize(buf).x - fh * 0.3f, Y(t) - fh * 0.5f), dim, buf);
  }
  for (double t : nice_ticks(x0, x1, std::max(2, int((b.x - a.x) / (fh * 5))))) {
    dl->AddLine(ImVec2(X(t), b.y), ImVec2(X(t), b.y + fh * 0.3f), text);
    if (log_x) std::snprintf(buf, sizeof buf, "%.3g", std::pow(10.0, t));
    else std::snprintf(buf, sizeof buf, "%.3g", t);
    dl->AddText(ImVec2(X(t) - ImGui::CalcTextSize(buf).x * 0.5f, b.y + fh * 0.35f), dim, buf);
  }
  dl->AddRect(a, b, grid);
  std::string xl = std::string(x_label) + (log_x ? " (log scale)" : "");
  dl->AddText(ImVec2((a.x + b.x - ImGui::CalcTextSize(xl.c_str()).x) * 0.5f, b.y + fh * 1.2f), dim, xl.c_str());
  dl->AddText(ImVec2(p0.x + fh * 0.3f, p0.y + fh * 0.1f), dim, y_label);
  int hit = -1;
  float best = fh * 0.6f;
  ImVec2 m = ImGui::GetIO().MousePos;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
    ImVec2 c(X(xs[i]), Y(ys[i]));
    dl->AddCircleFilled(c, 4.0f, series_color(0, 0.85f), 8);
    float d = std::hypot(c.x - m.x, c.y - m.y);
    if (hovered && d < best) { best = d; hit = int(i); }
  }
  if (hit >= 0) {
    dl->AddCircle(ImVec2(X(xs[size_t(hit)]), Y(ys[size_t(hit)])), 7.0f, IM_COL32(255, 255, 255, 255), 0, 2.0f);
    ImGui::BeginTooltip();
    ImGui::Text("%s\n%s = %.5g\n%s = %.5g", labels[size_t(hit)].c_str(), x_label, xs_in[size_t(hit)], y_label, ys[size_t(hit)]);
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return hit;
}

}  // namespace lab::plot
