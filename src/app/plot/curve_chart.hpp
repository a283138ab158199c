#pragma once
// X-Y curves on a fixed [0, 1] x [0, 1] frame (ROC, precision-recall, calibration), with an
// optional dashed reference line and a highlighted point (the current threshold).
#include <string>
#include <vector>

namespace lab::plot {

struct Curve {
  std::string label;
  const std::vector<double>* x = nullptr;
  const std::vector<double>* y = nullptr;
  unsigned int color = 0;
  bool markers = false;  // draw each point (calibration bins)
};

struct CurveChartOptions {
  const char* x_label = "";
  const char* y_label = "";
  bool diagonal = false;                      // y = x reference (ROC chance, perfect calibration)
  double point_x = -1, point_y = -1;          // highlighted point, when inside [0, 1]
  float height = 240;
};

void curve_chart(const char* id, const std::vector<Curve>& curves, const CurveChartOptions& opt);

}  // namespace lab::plot
