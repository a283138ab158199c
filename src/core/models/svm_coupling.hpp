#pragma once
// Pairwise coupling of one-vs-one probabilities into class probabilities, as libsvm's
// multiclass_probability (Wu, Lin & Weng 2004, method 2) does for scikit-learn's
// SVC(probability=True): find p minimising sum_{i<j} (r_ji p_i - r_ij p_j)^2, sum p = 1.
#include <vector>

namespace lab {

// r is k x k row-major: r[i*k + j] = P(class i | class i or j), r[j*k + i] = 1 - r[i*k + j].
// Returns the k class probabilities.
std::vector<double> couple_pairwise(const std::vector<double>& r, int k);

// libsvm clips each pairwise probability to [1e-7, 1 - 1e-7] before coupling.
constexpr double kPairwiseMinProb = 1e-7;

}  // namespace lab
