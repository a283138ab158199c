#pragma once
// Scatter of one value against another (e.g. a param vs a metric), optional log x axis,
// hover names the point. Returns the hovered point index or -1.
#include <string>
#include <vector>

namespace lab::plot {

int scatter_plot(const char* id, const std::vector<double>& xs, const std::vector<double>& ys,
                 const std::vector<std::string>& labels, const char* x_label, const char* y_label, bool log_x,
                 float height);

}  // namespace lab::plot
