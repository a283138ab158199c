#include "app/plot/hbar_chart.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/axes.hpp"
#include "app/plot/line_chart.hpp"  // nice_ticks
#include "imgui.h"

namespace lab::plot {

namespace {
float row_height() { return ImGui::GetFontSize() * 1.55f; }

// The label cut to `width` pixels with "..." (the full text is in the tooltip).
std::string fit(const std::string& s, float width) {
  if (ImGui::CalcTextSize(s.c_str()).x <= width) return s;
  std::string cut = s;
  while (!cut.empty() && ImGui::CalcTextSize((cut + "...").c_str()).x > width) cut.pop_back();
  return cut + "...";
}
}  // namespace

float hbar_chart_height(size_t n) { return row_height() * float(std::max<size_t>(n, 1)) + ImGui::GetFontSize() * 3.2f; }

void hbar_chart(const char* id, const std::vector<HBar>& bars, const HBarOptions& opt) {
  ImGui::PushID(id);
  const float fh = ImGui::GetFontSize(), rh = row_height();
  const ChartFrame f = chart_frame(hbar_chart_height(bars.size()));
  if (bars.empty()) {
    frame_message(f, "nothing to show");
    ImGui::PopID();
    return;
  }
  double lo = opt.show_marker ? opt.marker : bars[0].from, hi = lo;
  for (const HBar& b : bars) {
    lo = std::min({lo, b.from, b.to - b.spread});
    hi = std::max({hi, b.from, b.to + b.spread});
  }
  if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
  const double pad = (hi - lo) * 0.04;
  lo -= pad;
  hi += pad;
  // Labels left, then the plot, then room for the value text right of the longest bar.
  const float width = f.max.x - f.min.x;
  // The label column as wide as the longest label needs, up to its share of the width.
  float longest = 0;
  for (const HBar& b : bars) longest = std::max(longest, ImGui::CalcTextSize(b.label.c_str()).x);
  const float label_w = std::clamp(longest + fh * 0.6f, fh * 5, std::max(fh * 5, width * opt.label_share));
  float value_w = 0;
  for (const HBar& b : bars) value_w = std::max(value_w, ImGui::CalcTextSize(b.value_text.c_str()).x);
  const float x_min = f.min.x + label_w + fh * 0.6f, x_max = f.max.x - value_w - fh * 0.8f;
  const float top = f.min.y + fh * 0.6f;
  if (x_max - x_min < fh * 3) {
    frame_message(f, "too narrow: widen the window");
    ImGui::PopID();
    return;
  }
  auto X = [&](double v) { return float(x_min + (v - lo) / (hi - lo) * (x_max - x_min)); };
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled),
              grid = ImGui::GetColorU32(ImGuiCol_Border, 0.6f);
  const float bottom = top + rh * float(bars.size());
  // Ticks under the rows.
  char buf[32];
  for (double t : nice_ticks(lo, hi, std::max(2, int((x_max - x_min) / (fh * 5))))) {
    const float x = X(t);
    dl->AddLine(ImVec2(x, top), ImVec2(x, bottom), grid);
    format_tick(buf, sizeof buf, t);
    const float tw = ImGui::CalcTextSize(buf).x;
    dl->AddText(ImVec2(std::clamp(x - tw / 2, x_min - fh, x_max), bottom + fh * 0.2f), dim, buf);
  }
  if (opt.x_label && *opt.x_label) {
    const float lw = ImGui::CalcTextSize(opt.x_label).x;
    dl->AddText(ImVec2(std::max(f.min.x + fh * 0.5f, (x_min + x_max - lw) / 2), bottom + fh * 1.35f), dim, opt.x_label);
  }
  if (opt.show_marker) dl->AddLine(ImVec2(X(opt.marker), top - fh * 0.3f), ImVec2(X(opt.marker), bottom), dim, 1.5f);
  int hovered = -1;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (f.hovered && mouse.y >= top && mouse.y < bottom) hovered = int((mouse.y - top) / rh);
  for (size_t i = 0; i < bars.size(); ++i) {
    const HBar& b = bars[i];
    const float y0 = top + rh * float(i), y1 = y0 + rh;
    if (int(i) == hovered) dl->AddRectFilled(ImVec2(f.min.x, y0), ImVec2(f.max.x, y1), ImGui::GetColorU32(ImGuiCol_HeaderHovered, 0.35f));
    const std::string label = fit(b.label, label_w - fh * 0.5f);
    const float lw = ImGui::CalcTextSize(label.c_str()).x;
    dl->AddText(ImVec2(f.min.x + label_w - lw, y0 + (rh - fh) / 2), text, label.c_str());
    float a = X(std::min(b.from, b.to)), z = X(std::max(b.from, b.to));
    if (z - a < 2) z = a + 2;  // a zero effect stays visible as a sliver
    dl->AddRectFilled(ImVec2(a, y0 + rh * 0.18f), ImVec2(z, y1 - rh * 0.18f), b.color);
    float end = X(b.to);
    if (b.spread > 0) {
      const float s0 = X(b.to - b.spread), s1 = X(b.to + b.spread), ym = (y0 + y1) / 2;
      dl->AddLine(ImVec2(s0, ym), ImVec2(s1, ym), text);
      dl->AddLine(ImVec2(s0, ym - rh * 0.2f), ImVec2(s0, ym + rh * 0.2f), text);
      dl->AddLine(ImVec2(s1, ym - rh * 0.2f), ImVec2(s1, ym + rh * 0.2f), text);
      end = std::max(end, s1);
    }
    // The value right of the bar's right edge (or whisker).
    const float right = std::max(end, X(std::max(b.from, b.to)));
    dl->AddText(ImVec2(std::min(right + fh * 0.3f, f.max.x - ImGui::CalcTextSize(b.value_text.c_str()).x - fh * 0.2f),
                       y0 + (rh - fh) / 2),
                text, b.value_text.c_str());
  }
  if (hovered >= 0 && size_t(hovered) < bars.size()) {
    const HBar& b = bars[size_t(hovered)];
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(fh * 28);
    ImGui::TextUnformatted(b.tooltip.empty() ? (b.label + ": " + b.value_text).c_str() : b.tooltip.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

}  // namespace lab::plot
