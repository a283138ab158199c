#include "app/plot/axes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "app/plot/line_chart.hpp"
#include "app/plot/palette.hpp"

namespace lab::plot {

void format_tick(char* buf, size_t n, double v) {
  double a = std::fabs(v);
  if (a == 0) std::snprintf(buf, n, "0");
  else if (a >= 1e6 || a < 1e-3) std::snprintf(buf, n, "%.1e", v);
  else if (a >= 100) std::snprintf(buf, n, "%.0f", v);
  else std::snprintf(buf, n, "%.3g", v);
}

ChartFrame chart_frame(float height) {
  ChartFrame f;
  f.min = ImGui::GetCursorScreenPos();
  ImVec2 size(ImGui::GetContentRegionAvail().x, height);
  ImGui::InvisibleButton("chart", size);
  f.hovered = ImGui::IsItemHovered();
  f.max = ImVec2(f.min.x + size.x, f.min.y + size.y);
  ImGui::GetWindowDrawList()->AddRectFilled(f.min, f.max, ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
  return f;
}

void frame_message(const ChartFrame& f, const char* text) {
  float fh = ImGui::GetFontSize();
  ImGui::GetWindowDrawList()->AddText(ImVec2(f.min.x + fh, f.min.y + fh), ImGui::GetColorU32(ImGuiCol_TextDisabled), text);
}

namespace {
// Tick positions along one axis with their labels. A log axis labels whole powers of ten only
// (10^t for fractional t reads as noise), unless the range holds none.
std::vector<std::pair<double, std::string>> axis_ticks(double lo, double hi, int count, bool log, bool whole_only) {
  std::vector<std::pair<double, std::string>> out;
  std::vector<double> ticks = nice_ticks(lo, hi, count);
  bool any_whole = false;
  for (double t : ticks) any_whole |= t == std::floor(t);
  char buf[32];
  for (double t : ticks) {
    if ((whole_only || (log && any_whole)) && t != std::floor(t)) continue;
    format_tick(buf, sizeof buf, log ? std::pow(10.0, t) : t);
    out.emplace_back(t, buf);
  }
  return out;
}
}  // namespace

bool begin_axes(const char* id, float height, double x0, double x1, double y0, double y1, const char* x_label,
                const char* y_label, XTicks x_ticks, Axes& a, AxesScale scale) {
  ImGui::PushID(id);
  float fh = ImGui::GetFontSize();
  a.frame = chart_frame(height);
  a.hovered = a.frame.hovered;
  ImVec2 p0 = a.frame.min;
  ImVec2 size(a.frame.max.x - p0.x, height);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  a.min = ImVec2(p0.x + fh * 4.2f, p0.y + fh * 1.8f);
  a.max = ImVec2(p0.x + size.x - fh * 0.8f, p0.y + size.y - fh * 2.6f);
  if (x1 <= x0) x1 = x0 + 1;
  if (y1 <= y0) y1 = y0 + 1;
  a.x0 = x0; a.x1 = x1; a.y0 = y0; a.y1 = y1;
  if (a.max.x - a.min.x < 20 || a.max.y - a.min.y < 20) return false;
  ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border, 0.6f), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  for (double t : nice_ticks(y0, y1, 5)) dl->AddLine(ImVec2(a.min.x, a.Y(t)), ImVec2(a.max.x, a.Y(t)), grid);
  for (const auto& [t, label] : axis_ticks(y0, y1, 5, scale.log_y, false)) {
    ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    dl->AddText(ImVec2(a.min.x - ts.x - fh * 0.3f, a.Y(t) - ts.y * 0.5f), dim, label.c_str());
  }
  if (x_ticks != XTicks::None)
    for (const auto& [t, label] : axis_ticks(x0, x1, std::max(2, int((a.max.x - a.min.x) / (fh * 5))), scale.log_x,
                                             x_ticks == XTicks::Integer)) {
      dl->AddLine(ImVec2(a.X(t), a.max.y), ImVec2(a.X(t), a.max.y + fh * 0.3f), dim);
      ImVec2 ts = ImGui::CalcTextSize(label.c_str());
      dl->AddText(ImVec2(a.X(t) - ts.x * 0.5f, a.max.y + fh * 0.35f), dim, label.c_str());
    }
  dl->AddRect(a.min, a.max, grid);
  if (x_label) {
    ImVec2 ts = ImGui::CalcTextSize(x_label);
    dl->AddText(ImVec2((a.min.x + a.max.x - ts.x) * 0.5f, a.max.y + fh * 1.4f), dim, x_label);
  }
  a.label_right = p0.x;
  if (y_label) {
    dl->AddText(ImVec2(p0.x + fh * 0.3f, p0.y + fh * 0.3f), dim, y_label);
    a.label_right = p0.x + fh * 0.3f + ImGui::CalcTextSize(y_label).x;
  }
  return true;
}

void end_axes() { ImGui::PopID(); }

void legend(const Axes& a, const std::vector<std::string>& labels, const std::vector<unsigned int>& colors) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float fh = ImGui::GetFontSize();
  float total = 0;
  for (const auto& l : labels) total += ImGui::CalcTextSize(l.c_str()).x + fh * 1.6f;
  // Above the plot, right-aligned; when that would run into the y label (a narrow chart), inside
  // the plot's top-right corner on a backing so the lines under it do not garble the text.
  float y = a.min.y - fh * 1.45f;
  if (a.max.x - total < a.label_right + fh) {
    y = a.min.y + fh * 0.3f;
    dl->AddRectFilled(ImVec2(a.max.x - total - fh * 0.3f, y - fh * 0.1f), ImVec2(a.max.x - fh * 0.2f, y + fh * 1.1f),
                      ImGui::GetColorU32(ImGuiCol_FrameBg, 0.92f), 3);
  }
  float x = a.max.x;
  for (size_t i = labels.size(); i-- > 0;) {
    ImVec2 ts = ImGui::CalcTextSize(labels[i].c_str());
    x -= ts.x + fh * 1.6f;
    dl->AddRectFilled(ImVec2(x, y + fh * 0.2f), ImVec2(x + fh * 0.8f, y + fh * 0.8f), i < colors.size() ? colors[i] : series_color(i));
    dl->AddText(ImVec2(x + fh * 1.0f, y), ImGui::GetColorU32(ImGuiCol_Text), labels[i].c_str());
  }
}

}  // namespace lab::plot
