#pragma once
// Metric-vs-step chart for many runs and long histories. Each series is reduced to one
// min/max span per pixel column before drawing (see core/track/series_reduce), so 10 runs x
// 10,000 steps draw as fast as 10 x 800 points. Optional log y axis and mean +/- std bands.
#include <cstdint>
#include <string>
#include <vector>

#include "app/plot/palette.hpp"  // series_color, ramp_color: the one palette

namespace lab::plot {

struct StepSeries {
  std::string label;
  const std::vector<double>* xs = nullptr;  // steps, ascending
  const std::vector<double>* ys = nullptr;
  unsigned int color = 0;                   // ImU32
  const std::vector<double>* band_lo = nullptr;  // optional shaded band (e.g. mean - std)
  const std::vector<double>* band_hi = nullptr;
};

struct StepChartOptions {
  const char* title = "";
  const char* x_label = "step";
  bool log_y = false;
  float height = 240;
  bool legend = true;
};

void step_chart(const char* id, const std::vector<StepSeries>& series, const StepChartOptions& opt);


}  // namespace lab::plot
