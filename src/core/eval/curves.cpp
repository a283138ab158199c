#include "core/eval/curves.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace lab {

namespace {
void check_sizes(const std::vector<double>& y, const std::vector<double>& p) {
  if (y.size() != p.size()) throw std::invalid_argument("labels and scores differ in length");
  if (y.empty()) throw std::invalid_argument("no rows to score");
}

// sklearn's _binary_clf_curve: for each distinct score, from the highest down, the number of
// false and true positives when predicting positive at score >= that value.
struct Counts {
  std::vector<double> fps, tps, thresholds;
};
Counts cumulative_counts(const std::vector<double>& y, const std::vector<double>& p) {
  check_sizes(y, p);
  std::vector<size_t> order(y.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] > p[b] || (p[a] == p[b] && a < b); });
  Counts c;
  double tp = 0, fp = 0;
  for (size_t t = 0; t < order.size(); ++t) {
    if (y[order[t]] > 0.5) tp += 1;
    else fp += 1;
    if (t + 1 == order.size() || p[order[t + 1]] != p[order[t]]) {
      c.tps.push_back(tp);
      c.fps.push_back(fp);
      c.thresholds.push_back(p[order[t]]);
    }
  }
  return c;
}
}  // namespace

RocCurve roc_curve(const std::vector<double>& y, const std::vector<double>& p, bool drop_intermediate) {
  Counts c = cumulative_counts(y, p);
  if (drop_intermediate && c.fps.size() > 2) {
    Counts kept;
    const size_t n = c.fps.size();
    for (size_t i = 0; i < n; ++i) {
      bool keep = i == 0 || i + 1 == n;
      if (!keep) {  // a point is kept where the curve bends (non-zero second difference)
        double dfp = c.fps[i + 1] - 2 * c.fps[i] + c.fps[i - 1];
        double dtp = c.tps[i + 1] - 2 * c.tps[i] + c.tps[i - 1];
        keep = dfp != 0 || dtp != 0;
      }
      if (keep) {
        kept.fps.push_back(c.fps[i]);
        kept.tps.push_back(c.tps[i]);
        kept.thresholds.push_back(c.thresholds[i]);
      }
    }
    c = kept;
  }
  RocCurve r;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double fp_total = c.fps.back(), tp_total = c.tps.back();
  r.fpr.push_back(fp_total > 0 ? 0.0 : nan);
  r.tpr.push_back(tp_total > 0 ? 0.0 : nan);
  r.thresholds.push_back(c.thresholds[0] + 1);
  for (size_t i = 0; i < c.fps.size(); ++i) {
    r.fpr.push_back(fp_total > 0 ? c.fps[i] / fp_total : nan);
    r.tpr.push_back(tp_total > 0 ? c.tps[i] / tp_total : nan);
    r.thresholds.push_back(c.thresholds[i]);
  }
  return r;
}

PrCurve precision_recall_curve(const std::vector<double>& y, const std::vector<double>& p) {
  Counts c = cumulative_counts(y, p);
  PrCurve r;
  const size_t n = c.tps.size();
  const double tp_total = c.tps.back();
  for (size_t k = n; k-- > 0;) {  // reversed so that recall falls
    double predicted = c.tps[k] + c.fps[k];
    r.precision.push_back(predicted > 0 ? c.tps[k] / predicted : 0.0);
    r.recall.push_back(tp_total > 0 ? c.tps[k] / tp_total : 1.0);
    r.thresholds.push_back(c.thresholds[k]);
  }
  r.precision.push_back(1.0);
  r.recall.push_back(0.0);
  return r;
}

CalibrationBins calibration_bins(const std::vector<double>& y, const std::vector<double>& p, int n_bins) {
  check_sizes(y, p);
  if (n_bins < 1) throw std::invalid_argument("calibration needs at least one bin");
  for (double v : p)
    if (!(v >= 0 && v <= 1)) throw std::invalid_argument("calibration bins need probabilities between 0 and 1");
  const size_t nb = size_t(n_bins);
  const double step = 1.0 / double(n_bins);
  std::vector<double> sum_pred(nb, 0.0), sum_true(nb, 0.0);
  std::vector<size_t> total(nb, 0);
  for (size_t i = 0; i < p.size(); ++i) {
    size_t b = 0;  // the number of inner edges (k * step, k = 1 .. n_bins-1) strictly below p
    while (b + 1 < nb && double(b + 1) * step < p[i]) ++b;
    sum_pred[b] += p[i];
    sum_true[b] += y[i] > 0.5 ? 1.0 : 0.0;
    ++total[b];
  }
  CalibrationBins out;
  for (size_t b = 0; b < nb; ++b) {
    if (!total[b]) continue;
    out.prob_true.push_back(sum_true[b] / double(total[b]));
    out.prob_pred.push_back(sum_pred[b] / double(total[b]));
    out.count.push_back(total[b]);
  }
  return out;
}

}  // namespace lab
