#pragma once
// Platt scaling: P(class 1 | f) = 1 / (1 + exp(A f + B)), fitted to decision values f by
// libsvm's sigmoid_train (Lin, Lin & Weng 2007: Newton's method with backtracking, targets
// smoothed to (n+ + 1)/(n+ + 2) and 1/(n- + 2) so the fit does not saturate).
#include <vector>

namespace lab {

struct PlattSigmoid {
  double A = -1.0, B = 0.0;
  double probability(double f) const;  // P(class 1)
};

// labels are 0/1.
PlattSigmoid fit_platt(const std::vector<double>& decisions, const std::vector<double>& labels);

}  // namespace lab
