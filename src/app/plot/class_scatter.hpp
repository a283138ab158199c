#pragma once
// Points coloured by group. More than max_points finite points are drawn as a density (a grid of
// small cells, each in its most common group's colour), so any row count costs one bounded grid.
#include <string>
#include <vector>

namespace lab::plot {

void class_scatter(const char* id, const std::vector<double>& x, const std::vector<double>& y,
                  const std::vector<int>& group, const std::vector<std::string>& group_names, const char* x_label,
                  const char* y_label, float height, size_t max_points = 2000);

}  // namespace lab::plot
