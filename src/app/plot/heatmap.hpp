#pragma once
// A labelled square matrix of values in [-1, 1] (correlations), with the value printed in each
// cell when it fits and on hover.
#include <string>
#include <vector>

namespace lab::plot {

void correlation_heatmap(const char* id, const std::vector<std::string>& names, const std::vector<double>& values,
                         float max_size);

}  // namespace lab::plot
