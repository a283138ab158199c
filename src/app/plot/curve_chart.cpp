#include "app/plot/curve_chart.hpp"

#include <cmath>

#include "app/plot/axes.hpp"

namespace lab::plot {

void curve_chart(const char* id, const std::vector<Curve>& curves, const CurveChartOptions& opt) {
  Axes a;
  if (!begin_axes(id, opt.height, 0, 1, 0, 1.02, opt.x_label, opt.y_label, XTicks::Numeric, a)) {
    end_axes();
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (opt.diagonal) {
    // Dashed y = x.
    for (int i = 0; i < 20; i += 2)
      dl->AddLine(ImVec2(a.X(i / 20.0), a.Y(i / 20.0)), ImVec2(a.X((i + 1) / 20.0), a.Y((i + 1) / 20.0)),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), 1.0f);
  }
  std::vector<std::string> labels;
  std::vector<unsigned int> colors;
  dl->PushClipRect(a.min, a.max, true);
  for (const auto& c : curves) {
    if (!c.x || !c.y) continue;
    labels.push_back(c.label);
    colors.push_back(c.color);
    ImVec2 prev;
    bool have_prev = false;
    for (size_t i = 0; i < c.x->size() && i < c.y->size(); ++i) {
      double x = (*c.x)[i], y = (*c.y)[i];
      if (!std::isfinite(x) || !std::isfinite(y)) { have_prev = false; continue; }
      ImVec2 p(a.X(x), a.Y(y));
      if (have_prev) dl->AddLine(prev, p, c.color, 2.0f);
      if (c.markers) dl->AddCircleFilled(p, 3.5f, c.color);
      prev = p;
      have_prev = true;
    }
  }
  if (opt.point_x >= 0 && opt.point_x <= 1 && opt.point_y >= 0 && opt.point_y <= 1.02) {
    ImVec2 p(a.X(opt.point_x), a.Y(opt.point_y));
    dl->AddCircleFilled(p, 6.0f, IM_COL32(255, 255, 255, 255));
    dl->AddCircle(p, 6.0f, IM_COL32(20, 20, 20, 255), 0, 2.0f);
  }
  dl->PopClipRect();
  if (labels.size() > 1) legend(a, labels, colors);
  end_axes();
}

}  // namespace lab::plot
