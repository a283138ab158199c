#pragma once
// Binary classification metrics. y holds 0/1 labels, p the predicted probability of class 1.
#include <vector>

namespace lab {

double accuracy(const std::vector<double>& y, const std::vector<double>& p, double threshold = 0.5);
// Area under the ROC curve by the rank statistic, ties counted as half (matches sklearn).
// Returns NaN when only one class is present.
double roc_auc(const std::vector<double>& y, const std::vector<double>& p);
// Mean negative log-likelihood; probabilities clipped to [eps, 1 - eps] with eps the float64
// machine epsilon, as sklearn 1.2 does (eps="auto").
double log_loss(const std::vector<double>& y, const std::vector<double>& p);

}  // namespace lab
