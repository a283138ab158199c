#pragma once
// A small line chart drawn on ImGui's draw list: axes with nice ticks, several series, a
// legend, and a hover tooltip with the values at the nearest step. ImPlot is not available
// from our registries, so charts are ours.
#include <string>
#include <utility>
#include <vector>

struct ImVec2;

namespace lab::plot {

struct Series {
  std::string label;
  const std::vector<double>* y = nullptr;  // y[i] is drawn at x = i + x_offset
  unsigned int color = 0;                  // ImU32
};

struct LineChartOptions {
  const char* x_label = "step";
  const char* y_label = "";
  double x_offset = 1;  // the first point is step 1
  float height = 260;
  // When set: the x of point i of every series (ascending; e.g. the learner's own step number,
  // so the axis matches the progress bar's "step 30609"); x_offset is then unused.
  const std::vector<double>* x = nullptr;
  // Dashed vertical lines at these x values, each with a short label (e.g. a version change).
  const std::vector<std::pair<double, std::string>>* markers = nullptr;
};

void line_chart(const char* id, const std::vector<Series>& series, const LineChartOptions& opt);

// Round tick positions covering [lo, hi] (1, 2, 5 x 10^k spacing).
std::vector<double> nice_ticks(double lo, double hi, int target_count);

}  // namespace lab::plot
