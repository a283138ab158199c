#include "core/eval/cost_threshold.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace lab {

double total_cost_at(const std::vector<double>& y, const std::vector<double>& p, double threshold, double cost_fp,
                     double cost_fn) {
  ConfusionCounts c = confusion_at(y, p, threshold);
  return cost_fp * double(c.fp) + cost_fn * double(c.fn);
}

CostChoice min_cost_threshold(const std::vector<double>& y, const std::vector<double>& p, double cost_fp, double cost_fn) {
  if (y.size() != p.size() || y.empty()) throw std::invalid_argument("labels and probabilities must be non-empty and the same length");
  if (!(cost_fp >= 0) || !(cost_fn >= 0)) throw std::invalid_argument("costs must be zero or positive");
  std::vector<size_t> order(p.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] > p[b]; });
  size_t positives = 0;
  for (double v : y) positives += v > 0.5;
  size_t negatives = y.size() - positives;

  // Start above every probability: everything predicted negative.
  ConfusionCounts c{negatives, 0, positives, 0};
  CostChoice best;
  best.threshold = std::numeric_limits<double>::infinity();
  best.counts = c;
  best.total_cost = cost_fn * double(c.fn);
  for (size_t i = 0; i < order.size();) {
    double t = p[order[i]];
    // Lowering the threshold to t turns every row with p == t positive.
    for (; i < order.size() && p[order[i]] == t; ++i) {
      if (y[order[i]] > 0.5) { --c.fn; ++c.tp; }
      else { --c.tn; ++c.fp; }
    }
    double cost = cost_fp * double(c.fp) + cost_fn * double(c.fn);
    if (cost < best.total_cost) {
      best.total_cost = cost;
      best.threshold = t;
      best.counts = c;
    }
  }
  best.cost_per_row = best.total_cost / double(y.size());
  return best;
}

}  // namespace lab
