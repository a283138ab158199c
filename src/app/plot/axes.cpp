#include "app/plot/axes.hpp"

#include <cmath>
#include <cstdio>

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

bool begin_axes(const char* id, float height, double x0, double x1, double y0, double y1, const char* x_label,
                const char* y_label, XTicks x_ticks, Axes& a) {
  ImGui::PushID(id);
  float fh = ImGui::GetFontSize();
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImVec2 size(ImGui::GetContentRegionAvail().x, height);
  ImGui::InvisibleButton("axes", size);
  a.hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg), 4);
  a.min = ImVec2(p0.x + fh * 4.2f, p0.y + fh * 1.8f);
  a.max = ImVec2(p0.x + size.x - fh * 0.8f, p0.y + size.y - fh * 2.6f);
  if (x1 <= x0) x1 = x0 + 1;
  if (y1 <= y0) y1 = y0 + 1;
  a.x0 = x0; a.x1 = x1; a.y0 = y0; a.y1 = y1;
  if (a.max.x - a.min.x < 20 || a.max.y - a.min.y < 20) return false;
  ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border, 0.6f), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  char buf[32];
  for (double t : nice_ticks(y0, y1, 5)) {
    dl->AddLine(ImVec2(a.min.x, a.Y(t)), ImVec2(a.max.x, a.Y(t)), grid);
    format_tick(buf, sizeof buf, t);
    ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.min.x - ts.x - fh * 0.3f, a.Y(t) - ts.y * 0.5f), dim, buf);
  }
  if (x_ticks != XTicks::None)
    for (double t : nice_ticks(x0, x1, std::max(2, int((a.max.x - a.min.x) / (fh * 5))))) {
      if (x_ticks == XTicks::Integer && t != std::floor(t)) continue;
      dl->AddLine(ImVec2(a.X(t), a.max.y), ImVec2(a.X(t), a.max.y + fh * 0.3f), dim);
      format_tick(buf, sizeof buf, t);
      ImVec2 ts = ImGui::CalcTextSize(buf);
      dl->AddText(ImVec2(a.X(t) - ts.x * 0.5f, a.max.y + fh * 0.35f), dim, buf);
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
