#pragma once
// Points coloured by group. Large datasets are drawn through a fixed, evenly spaced subset so
// a frame never draws more than max_points.
#include <string>
#include <vector>

namespace lab::plot {

void class_scatter(const char* id, const std::vector<double>& x, const std::vector<double>& y,
                  const std::vector<int>& group, const std::vector<std::string>& group_names, const char* x_label,
                  const char* y_label, float height, size_t max_points = 4000);

}  // namespace lab::plot
