#include "app/plot/scatter_plot.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/axes.hpp"
#include "app/plot/palette.hpp"
#include "imgui.h"

namespace lab::plot {

int scatter_plot(const char* id, const std::vector<double>& xs_in, const std::vector<double>& ys,
                 const std::vector<std::string>& labels, const char* x_label, const char* y_label, bool log_x, float height) {
  std::vector<double> xs(xs_in.size());
  for (size_t i = 0; i < xs.size(); ++i) xs[i] = log_x ? (xs_in[i] > 0 ? std::log10(xs_in[i]) : NAN) : xs_in[i];
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (size_t i = 0; i < xs.size(); ++i)
    if (std::isfinite(xs[i]) && std::isfinite(ys[i])) {
      x0 = std::min(x0, xs[i]); x1 = std::max(x1, xs[i]);
      y0 = std::min(y0, ys[i]); y1 = std::max(y1, ys[i]);
    }
  if (!std::isfinite(x0)) {
    ImGui::PushID(id);
    frame_message(chart_frame(height), "no runs have both values (numeric params only)");
    ImGui::PopID();
    return -1;
  }
  if (x1 - x0 < 1e-12) { x0 -= 0.5; x1 += 0.5; }
  if (y1 - y0 < 1e-12) { y0 -= 0.5; y1 += 0.5; }
  double px = (x1 - x0) * 0.05, py = (y1 - y0) * 0.08;
  const std::string xl = std::string(x_label) + (log_x ? " (log scale)" : "");
  Axes a;
  if (!begin_axes(id, height, x0 - px, x1 + px, y0 - py, y1 + py, xl.c_str(), y_label, XTicks::Numeric, a, {log_x, false})) {
    end_axes();
    return -1;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fh = ImGui::GetFontSize();
  int hit = -1;
  float best = fh * 0.6f;
  ImVec2 m = ImGui::GetIO().MousePos;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
    ImVec2 c(a.X(xs[i]), a.Y(ys[i]));
    dl->AddCircleFilled(c, 4.0f, series_color(0, 0.85f), 8);
    float d = std::hypot(c.x - m.x, c.y - m.y);
    if (a.hovered && d < best) { best = d; hit = int(i); }
  }
  if (hit >= 0) {
    dl->AddCircle(ImVec2(a.X(xs[size_t(hit)]), a.Y(ys[size_t(hit)])), 7.0f, IM_COL32(255, 255, 255, 255), 0, 2.0f);
    ImGui::BeginTooltip();
    ImGui::Text("%s\n%s = %.5g\n%s = %.5g", labels[size_t(hit)].c_str(), x_label, xs_in[size_t(hit)], y_label, ys[size_t(hit)]);
    ImGui::EndTooltip();
  }
  end_axes();
  return hit;
}

}  // namespace lab::plot
