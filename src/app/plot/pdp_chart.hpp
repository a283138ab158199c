#pragma once
// Partial dependence with ICE: the average answer as one feature changes (a thick line, or a
// mark per category), each single row's answers as thin grey lines (dots for categories), and
// where the data lies along the axis as a rug (ticks; bars by count for categories).
#include <string>
#include <vector>

namespace lab::plot {

struct PdpChartData {
  bool categorical = false;
  std::vector<std::string> categories;  // categorical: the x positions' names
  std::vector<double> grid;             // numeric: the x values
  std::vector<double> average;          // per x position
  std::vector<std::vector<double>> ice; // per row: one answer per x position
  std::vector<double> rug;              // numeric: the feature's values in the rows
  std::vector<double> rug_counts;       // categorical: rows per category
};

void pdp_chart(const char* id, const PdpChartData& d, const char* x_label, const char* y_label, float height);

}  // namespace lab::plot
