#pragma once
// Parallel coordinates: one vertical axis per param (numeric or categorical) and a final metric
// axis; each run is a polyline coloured by the metric. Hovering a line names the run.
#include <string>
#include <vector>

namespace lab::plot {

struct PcAxis {
  std::string name;
  std::vector<double> values;           // one per run (NaN = missing); category index if categorical
  std::vector<std::string> categories;  // non-empty = categorical axis
};

// Returns the index of the hovered run, or -1.
int parallel_coords(const char* id, const std::vector<PcAxis>& axes, const std::vector<std::string>& run_labels,
                    float height);

}  // namespace lab::plot
