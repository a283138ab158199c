#pragma once
// Reducing metric histories for drawing. Charts never draw more than one vertical span per pixel
// column: min/max per column keeps every spike visible while 10 runs x 10,000 steps cost a few
// thousand segments. Stored histories are never changed; this is for display only.
#include <cstdint>
#include <string>
#include <vector>

#include "core/track/run_types.hpp"

namespace lab {

// One pixel column's share of a series: the first, last, lowest and highest value in it.
struct ColumnSpan {
  int column = 0;
  double first = 0, last = 0, min = 0, max = 0;
};

// Points (x ascending) mapped onto `columns` columns spanning [x0, x1]; non-finite y skipped.
std::vector<ColumnSpan> downsample_min_max(const std::vector<double>& xs, const std::vector<double>& ys, double x0,
                                           double x1, int columns);

// Exponential moving average with bias correction (as TensorBoard's smoothing slider):
// weight 0 = raw values, 0.99 = very smooth. Non-finite values pass through unchanged.
std::vector<double> smooth_ema(const std::vector<double>& ys, double weight);

// A metric history as drawable series: sorted by step (ties keep logged order).
void history_xy(const std::vector<MetricPoint>& history, std::vector<double>& xs, std::vector<double>& ys);

struct MeanStd {
  size_t n = 0;
  double mean = 0, std = 0;  // sample standard deviation (n - 1), 0 for n < 2
};
MeanStd mean_std(const std::vector<double>& values);  // non-finite values ignored

// Parses a param value as a number if all of it is one ("0.5", "1e-3"); false otherwise.
bool param_number(const std::string& text, double& out);

}  // namespace lab
