#pragma once
// Choosing the decision threshold by business cost: a false positive (e.g. approving a loan
// that defaults) and a false negative (e.g. declining a good customer) rarely cost the same.
#include <vector>

#include "core/eval/classification_metrics.hpp"

namespace lab {

struct CostChoice {
  double threshold = 0.5;  // predict positive when p >= threshold
  double total_cost = 0;
  double cost_per_row = 0;
  ConfusionCounts counts;
};

double total_cost_at(const std::vector<double>& y, const std::vector<double>& p, double threshold, double cost_fp,
                     double cost_fn);

// Sweeps every distinct predicted probability (and "never positive") in one sorted pass and
// returns the threshold with the lowest total cost; ties go to the higher threshold.
// Throws std::invalid_argument for negative costs or mismatched inputs.
CostChoice min_cost_threshold(const std::vector<double>& y, const std::vector<double>& p, double cost_fp, double cost_fn);

}  // namespace lab
