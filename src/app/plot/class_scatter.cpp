#include "app/plot/class_scatter.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/axes.hpp"
#include "app/plot/palette.hpp"

namespace lab::plot {

void class_scatter(const char* id, const std::vector<double>& x, const std::vector<double>& y, const std::vector<int>& group,
                  const std::vector<std::string>& group_names, const char* x_label, const char* y_label, float height,
                  size_t max_points) {
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      x0 = std::min(x0, x[i]); x1 = std::max(x1, x[i]);
      y0 = std::min(y0, y[i]); y1 = std::max(y1, y[i]);
    }
  if (!std::isfinite(x0)) { x0 = 0; x1 = 1; y0 = 0; y1 = 1; }
  double px = (x1 - x0) * 0.04 + 1e-9, py = (y1 - y0) * 0.04 + 1e-9;
  Axes a;
  if (!begin_axes(id, height, x0 - px, x1 + px, y0 - py, y1 + py, x_label, y_label, XTicks::Numeric, a)) {
    end_axes();
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(a.min, a.max, true);
  size_t stride = std::max<size_t>(1, x.size() / max_points);
  for (size_t i = 0; i < x.size(); i += stride) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    int g = i < group.size() ? group[i] : 0;
    dl->AddCircleFilled(ImVec2(a.X(x[i]), a.Y(y[i])), 2.6f, series_color(std::max(0, g), 0.55f), 8);
  }
  dl->PopClipRect();
  if (group_names.size() > 1) legend(a, group_names);
  if (a.hovered) {
    ImVec2 m = ImGui::GetIO().MousePos;
    ImGui::SetTooltip("%s = %.4g\n%s = %.4g", x_label, a.x_at(m.x), y_label, a.y_at(m.y));
  }
  end_axes();
}

}  // namespace lab::plot
