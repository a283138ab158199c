#pragma once
// Curve points as scikit-learn 1.2 computes them, for plotting. y holds 0/1 labels, p scores.
#include <cstddef>
#include <vector>

namespace lab {

struct RocCurve {
  std::vector<double> fpr, tpr, thresholds;  // thresholds fall; the first is max score + 1 (sklearn 1.2)
};
// drop_intermediate = true drops points on straight segments, as sklearn's default does.
// With only one class present, the rate of the missing class is NaN (0/0), as in sklearn.
RocCurve roc_curve(const std::vector<double>& y, const std::vector<double>& p, bool drop_intermediate = true);

struct PrCurve {
  // precision and recall have one more point than thresholds: the final (recall 0, precision 1).
  std::vector<double> precision, recall, thresholds;  // thresholds rise, recall falls
};
PrCurve precision_recall_curve(const std::vector<double>& y, const std::vector<double>& p);

struct CalibrationBins {
  // Only non-empty bins, in order: the share of positives and the mean prediction in each.
  std::vector<double> prob_true, prob_pred;
  std::vector<size_t> count;
};
// sklearn's calibration_curve(strategy="uniform"): n_bins equal-width bins over [0, 1]; a value on
// an inner edge falls in the lower bin.
CalibrationBins calibration_bins(const std::vector<double>& y, const std::vector<double>& p, int n_bins = 5);

}  // namespace lab
