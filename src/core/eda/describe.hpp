#pragma once
// Exploratory statistics for the Explore panel: per-column summaries (like pandas' describe),
// histograms split by class, and the correlation matrix of numeric columns.
#include <string>
#include <vector>

#include "core/data/table.hpp"

namespace lab {

struct ColumnSummary {
  std::string name;
  size_t count = 0, missing = 0, distinct = 0;
  double mean = 0, std = 0, min = 0, q25 = 0, median = 0, q75 = 0, max = 0;  // numeric only
};

// Quantiles use linear interpolation between order statistics (numpy's default).
ColumnSummary summarize(const Column& c);

struct Histogram {
  std::vector<double> edges;                // bins + 1 edges, equal width over [min, max]
  std::vector<std::vector<double>> counts;  // counts[group][bin]; one group when ungrouped
  std::vector<std::string> groups;          // group names (class labels) in order
};

// Histogram of a numeric column, split by the values of `group_by` (a class column) if given.
// Categorical columns get one bin per category (edges are then 0..k).
Histogram histogram(const Column& c, int bins, const Column* group_by);

// Pearson correlation between every pair of numeric columns (missing rows skipped pairwise).
// NaN where a column is constant.
struct CorrelationMatrix {
  std::vector<std::string> names;
  std::vector<double> values;  // row-major names.size()^2
  double at(size_t i, size_t j) const { return values[i * names.size() + j]; }
};
CorrelationMatrix correlations(const Table& t);

// Names of the groups a class column defines: category names, or "0"/"1" for numeric labels.
std::vector<std::string> class_names(const Column& c);
// Index of each row's group in class_names(c) (-1 when missing).
std::vector<int> class_index(const Column& c);

}  // namespace lab
