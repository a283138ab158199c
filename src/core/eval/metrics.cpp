#include "core/eval/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/math/det_math.hpp"

namespace lab {
namespace {
void check_sizes(const std::vector<double>& y, const std::vector<double>& p) {
  if (y.size() != p.size()) throw std::invalid_argument("labels and predictions differ in length");
  if (y.empty()) throw std::invalid_argument("no rows to score");
}
}  // namespace

double accuracy(const std::vector<double>& y, const std::vector<double>& p, double threshold) {
  check_sizes(y, p);
  size_t right = 0;
  for (size_t i = 0; i < y.size(); ++i) right += ((p[i] >= threshold) == (y[i] > 0.5));
  return double(right) / double(y.size());
}

double roc_auc(const std::vector<double>& y, const std::vector<double>& p) {
  check_sizes(y, p);
  std::vector<size_t> order(y.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  // Sum of (mid-)ranks of the positives.
  double rank_sum = 0;
  size_t n_pos = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i + 1;  // at least one step: a NaN score equals nothing, not even itself
    while (j < order.size() && p[order[j]] == p[order[i]]) ++j;
    double mid_rank = 0.5 * double(i + 1 + j);  // average of ranks i+1..j
    for (size_t t = i; t < j; ++t)
      if (y[order[t]] > 0.5) { rank_sum += mid_rank; ++n_pos; }
    i = j;
  }
  size_t n_neg = y.size() - n_pos;
  if (n_pos == 0 || n_neg == 0) return std::numeric_limits<double>::quiet_NaN();
  return (rank_sum - double(n_pos) * double(n_pos + 1) / 2.0) / (double(n_pos) * double(n_neg));
}

double log_loss(const std::vector<double>& y, const std::vector<double>& p) {
  check_sizes(y, p);
  const double eps = std::numeric_limits<double>::epsilon();  // sklearn 1.2's eps="auto" for float64
  double sum = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    double q = std::min(1.0 - eps, std::max(eps, p[i]));
    sum -= y[i] > 0.5 ? det::log(q) : det::log(1.0 - q);
  }
  return sum / double(y.size());
}

}  // namespace lab
