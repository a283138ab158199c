#include "app/plot/class_scatter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/plot/axes.hpp"
#include "app/plot/palette.hpp"

namespace lab::plot {

namespace {

// More points than this are drawn as a density: every point costs a filled circle (about twenty
// vertices), which is slow in software WebGL and hides how many rows overlap anyway.
constexpr float kCellPixels = 3.0f;

// Each cell of a kCellPixels grid over the plot is painted in the colour of its most frequent
// group, more opaque the more rows fall in it (log scale, so a lone row is still visible).
void draw_density(ImDrawList* dl, const Axes& a, const std::vector<double>& x, const std::vector<double>& y,
                  const std::vector<int>& group, int groups) {
  int cols = std::max(1, int((a.max.x - a.min.x) / kCellPixels));
  int rows = std::max(1, int((a.max.y - a.min.y) / kCellPixels));
  std::vector<uint32_t> counts(size_t(cols) * size_t(rows) * size_t(groups), 0);
  double sx = cols / (a.x1 - a.x0), sy = rows / (a.y1 - a.y0);
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    int cx = int((x[i] - a.x0) * sx), cy = int((a.y1 - y[i]) * sy);
    if (cx < 0 || cy < 0 || cx >= cols || cy >= rows) continue;
    int g = i < group.size() ? std::clamp(group[i], 0, groups - 1) : 0;
    ++counts[(size_t(cy) * size_t(cols) + size_t(cx)) * size_t(groups) + size_t(g)];
  }
  uint32_t most = 1;
  for (size_t c = 0; c < counts.size(); c += size_t(groups)) {
    uint32_t total = 0;
    for (int g = 0; g < groups; ++g) total += counts[c + size_t(g)];
    most = std::max(most, total);
  }
  float log_most = std::log1p(float(most));
  for (int cy = 0; cy < rows; ++cy)
    for (int cx = 0; cx < cols; ++cx) {
      const uint32_t* cell = &counts[(size_t(cy) * size_t(cols) + size_t(cx)) * size_t(groups)];
      uint32_t total = 0, best = 0;
      int best_g = 0;
      for (int g = 0; g < groups; ++g) {
        total += cell[g];
        if (cell[g] > best) { best = cell[g]; best_g = g; }
      }
      if (total == 0) continue;
      float alpha = 0.35f + 0.65f * std::log1p(float(total)) / log_most;
      ImVec2 p0(a.min.x + cx * kCellPixels, a.min.y + cy * kCellPixels);
      dl->AddRectFilled(p0, ImVec2(p0.x + kCellPixels, p0.y + kCellPixels), series_color(size_t(best_g), alpha));
    }
}

}  // namespace

void class_scatter(const char* id, const std::vector<double>& x, const std::vector<double>& y, const std::vector<int>& group,
                  const std::vector<std::string>& group_names, const char* x_label, const char* y_label, float height,
                  size_t max_points) {
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  size_t finite = 0;
  for (size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      x0 = std::min(x0, x[i]); x1 = std::max(x1, x[i]);
      y0 = std::min(y0, y[i]); y1 = std::max(y1, y[i]);
      ++finite;
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
  bool density = finite > max_points;
  if (density) {
    int groups = 1;
    for (int g : group) groups = std::max(groups, g + 1);
    draw_density(dl, a, x, y, group, std::min(groups, 64));
  } else {
    for (size_t i = 0; i < x.size(); ++i) {
      if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
      int g = i < group.size() ? group[i] : 0;
      dl->AddCircleFilled(ImVec2(a.X(x[i]), a.Y(y[i])), 2.6f, series_color(size_t(std::max(0, g)), 0.55f), 8);
    }
  }
  dl->PopClipRect();
  if (group_names.size() > 1) legend(a, group_names);
  if (density) {
    // Says why there are squares, not dots: at the plot's bottom-left, inside the frame.
    char note[96];
    std::snprintf(note, sizeof note, "%zu rows as density", finite);
    float fh = ImGui::GetFontSize();
    dl->AddText(ImVec2(a.min.x + fh * 0.3f, a.max.y - fh * 1.2f), ImGui::GetColorU32(ImGuiCol_TextDisabled), note);
  }
  if (a.hovered) {
    ImVec2 m = ImGui::GetIO().MousePos;
    if (density)
      ImGui::SetTooltip("%s = %.4g\n%s = %.4g\nEach square: the rows there, coloured by their most common class;\n"
                        "brighter = more rows.", x_label, a.x_at(m.x), y_label, a.y_at(m.y));
    else
      ImGui::SetTooltip("%s = %.4g\n%s = %.4g", x_label, a.x_at(m.x), y_label, a.y_at(m.y));
  }
  end_axes();
}

}  // namespace lab::plot
