#include "app/plot/palette.hpp"

#include <algorithm>
#include <cmath>

#include "imgui.h"

namespace lab::plot {

unsigned int series_color(size_t i, float alpha) {
  static const ImVec4 colors[kSeriesColors] = {
      {0.34f, 0.71f, 0.91f, 1}, {0.90f, 0.62f, 0.00f, 1}, {0.00f, 0.62f, 0.45f, 1}, {0.94f, 0.89f, 0.26f, 1},
      {0.80f, 0.47f, 0.65f, 1}, {0.84f, 0.37f, 0.00f, 1}, {0.35f, 0.55f, 0.95f, 1}, {0.95f, 0.40f, 0.45f, 1},
      {0.70f, 0.55f, 0.95f, 1}, {0.75f, 0.75f, 0.75f, 1}};
  ImVec4 c = colors[i % kSeriesColors];
  c.w = alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

unsigned int ramp_color(double t, float alpha) {
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
  ImVec4 a(0.25f, 0.55f, 1.0f, alpha), b(1.0f, 0.55f, 0.2f, alpha);
  float u = float(t);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u, a.z + (b.z - a.z) * u, alpha));
}

unsigned int diverging_color(double v) {
  if (std::isnan(v)) return IM_COL32(70, 70, 70, 255);
  float t = float(std::clamp(v, -1.0, 1.0));
  ImVec4 neutral(0.93f, 0.93f, 0.93f, 1), pos(0.80f, 0.20f, 0.20f, 1), neg(0.20f, 0.40f, 0.80f, 1);
  ImVec4 end = t >= 0 ? pos : neg;
  float a = std::fabs(t);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(neutral.x + (end.x - neutral.x) * a, neutral.y + (end.y - neutral.y) * a,
                                               neutral.z + (end.z - neutral.z) * a, 1));
}

}  // namespace lab::plot
