#pragma once
// Bars per bin or category, one colour per group (class), side by side within each bin:
// histograms of numeric columns and bar charts of categorical ones.
#include <string>
#include <vector>

namespace lab::plot {

struct BarChartData {
  std::vector<std::string> bin_labels;      // one per bin (category name or "lo - hi")
  std::vector<std::string> groups;          // legend entries
  std::vector<std::vector<double>> counts;  // counts[group][bin]
  // Numeric bins: bars sit on a numeric axis from edges.front() to edges.back(), and the axis
  // gets ordinary ticks instead of one label per bar.
  std::vector<double> edges;
};

// `y_label`: what the bar heights count ("rows", or "share of rows" for normalised bars).
void bar_chart(const char* id, const BarChartData& data, const char* x_label, float height, const char* y_label = "rows");

}  // namespace lab::plot
