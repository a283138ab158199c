#pragma once
// Binary classification metrics beyond metrics.hpp (accuracy, ROC AUC, log loss live there).
// y holds 0/1 labels, p the predicted probability of class 1; a row is predicted positive when
// p >= threshold. Definitions follow scikit-learn 1.2; where sklearn warns about a zero division
// (no predicted positives, no actual positives) these return 0, like zero_division=0.
#include <cstddef>
#include <vector>

namespace lab {

struct ConfusionCounts {
  size_t tn = 0, fp = 0, fn = 0, tp = 0;
};

ConfusionCounts confusion_at(const std::vector<double>& y, const std::vector<double>& p, double threshold = 0.5);
double precision(const std::vector<double>& y, const std::vector<double>& p, double threshold = 0.5);  // tp / (tp + fp)
double recall(const std::vector<double>& y, const std::vector<double>& p, double threshold = 0.5);     // tp / (tp + fn)
double f1_score(const std::vector<double>& y, const std::vector<double>& p, double threshold = 0.5);
double brier_score(const std::vector<double>& y, const std::vector<double>& p);  // mean (p - y)^2
// PR AUC as sklearn's average_precision_score: sum over thresholds of (R_n - R_{n-1}) * P_n.
// With no positive rows sklearn's recall is 1 everywhere; the same formula then gives 0 here.
double average_precision(const std::vector<double>& y, const std::vector<double>& p);

}  // namespace lab
