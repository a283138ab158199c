#include "app/plot/line_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"

namespace lab::plot {

std::vector<double> nice_ticks(double lo, double hi, int target_count) {
  std::vector<double> out;
  if (!(hi > lo) || target_count < 1) return out;
  double raw = (hi - lo) / target_count;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) { step = m * mag; break; }
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  return out;
}

namespace {
void format_tick(char* buf, size_t n, double v) {
  double a = std::fabs(v);
  if (a == 0) std::snprintf(buf, n, "0");
  else if (a >= 1e5 || a < 1e-3) std::snprintf(buf, n, "%.1e", v);
  else if (a >= 100) std::snprintf(buf, n, "%.0f", v);
  else std::snprintf(buf, n, "%.3g", v);
}
}  // namespace

void line_chart(const char* id, const std::vector<Series>& series, const LineChartOptions& opt) {
  ImGui::PushID(id);
  ImVec2 size(ImGui::GetContentRegionAvail().x, opt.height);
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("chart", size);
  bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  float fh = ImGui::GetFontSize();

  // Data range.
  double xmin = opt.x_offset, xmax = opt.x_offset, ymin = INFINITY, ymax = -INFINITY;
  size_t longest = 0;
  for (const auto& s : series) {
    if (!s.y) continue;
    longest = std::max(longest, s.y->size());
    for (double v : *s.y)
      if (std::isfinite(v)) { ymin = std::min(ymin, v); ymax = std::max(ymax, v); }
  }
  if (longest > 1) xmax = opt.x_offset + double(longest - 1);
  if (xmax <= xmin) xmax = xmin + 1;
  if (!std::isfinite(ymin)) { ymin = 0; ymax = 1; }
  if (ymax - ymin < 1e-12) { ymin -= 0.5; ymax += 0.5; }
  double pad = (ymax - ymin) * 0.08;
  ymin -= pad;
  ymax += pad;

  // Plot area leaves room for tick labels on the left and below, and the legend on top.
  float left = fh * 4.2f, bottom = fh * 2.6f, top = fh * 1.8f, right = fh * 0.8f;
  ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
  if (b.x - a.x < 20 || b.y - a.y < 20) { ImGui::PopID(); return; }
  auto X = [&](double x) { return float(a.x + (x - xmin) / (xmax - xmin) * (b.x - a.x)); };
  auto Y = [&](double y) { return float(b.y - (y - ymin) / (ymax - ymin) * (b.y - a.y)); };

  ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border, 0.6f), text = ImGui::GetColorU32(ImGuiCol_Text);
  ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  char buf[32];
  for (double t : nice_ticks(ymin, ymax, 5)) {
    dl->AddLine(ImVec2(a.x, Y(t)), ImVec2(b.x, Y(t)), grid);
    format_tick(buf, sizeof buf, t);
    ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x - fh * 0.3f, Y(t) - ts.y * 0.5f), dim, buf);
  }
  for (double t : nice_ticks(xmin, xmax, std::max(2, int((b.x - a.x) / (fh * 5))))) {
    if (t != std::floor(t)) continue;  // steps are whole numbers
    dl->AddLine(ImVec2(X(t), b.y), ImVec2(X(t), b.y + fh * 0.3f), text);
    format_tick(buf, sizeof buf, t);
    ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(X(t) - ts.x * 0.5f, b.y + fh * 0.35f), dim, buf);
  }
  dl->AddRect(a, b, grid);
  ImVec2 xl = ImGui::CalcTextSize(opt.x_label);
  dl->AddText(ImVec2((a.x + b.x - xl.x) * 0.5f, b.y + fh * 1.4f), dim, opt.x_label);
  if (opt.y_label && *opt.y_label) dl->AddText(ImVec2(p0.x + fh * 0.3f, p0.y + fh * 0.3f), dim, opt.y_label);

  // Legend, right-aligned above the plot.
  float lx = b.x;
  for (auto it = series.rbegin(); it != series.rend(); ++it) {
    ImVec2 ts = ImGui::CalcTextSize(it->label.c_str());
    lx -= ts.x + fh * 1.6f;
    dl->AddRectFilled(ImVec2(lx, p0.y + fh * 0.45f), ImVec2(lx + fh * 0.8f, p0.y + fh * 1.05f), it->color);
    dl->AddText(ImVec2(lx + fh * 1.0f, p0.y + fh * 0.25f), text, it->label.c_str());
  }

  dl->PushClipRect(a, b, true);
  for (const auto& s : series) {
    if (!s.y || s.y->empty()) continue;
    const auto& y = *s.y;
    // Never draw more segments than pixels: stride through long histories.
    size_t stride = std::max<size_t>(1, y.size() / size_t(std::max(1.0f, b.x - a.x)));
    ImVec2 prev(X(opt.x_offset), Y(y[0]));
    for (size_t i = stride; i < y.size(); i += stride) {
      ImVec2 cur(X(opt.x_offset + double(i)), Y(y[i]));
      dl->AddLine(prev, cur, s.color, 2.0f);
      prev = cur;
    }
    if (y.size() <= 60)
      for (size_t i = 0; i < y.size(); ++i) dl->AddCircleFilled(ImVec2(X(opt.x_offset + double(i)), Y(y[i])), 3.0f, s.color);
  }
  dl->PopClipRect();

  if (hovered && longest > 0) {
    double mx = xmin + (ImGui::GetIO().MousePos.x - a.x) / (b.x - a.x) * (xmax - xmin);
    long i = std::lround(mx - opt.x_offset);
    i = std::clamp<long>(i, 0, long(longest) - 1);
    dl->AddLine(ImVec2(X(opt.x_offset + double(i)), a.y), ImVec2(X(opt.x_offset + double(i)), b.y), dim);
    ImGui::BeginTooltip();
    ImGui::Text("%s %.0f", opt.x_label, opt.x_offset + double(i));
    for (const auto& s : series)
      if (s.y && size_t(i) < s.y->size()) {
        ImGui::ColorButton(s.label.c_str(), ImGui::ColorConvertU32ToFloat4(s.color), ImGuiColorEditFlags_NoTooltip,
                           ImVec2(fh * 0.7f, fh * 0.7f));
        ImGui::SameLine();
        ImGui::Text("%s: %.5f", s.label.c_str(), (*s.y)[size_t(i)]);
      }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

}  // namespace lab::plot
