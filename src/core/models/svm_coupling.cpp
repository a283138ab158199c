#include "core/models/svm_coupling.hpp"

#include <algorithm>
#include <cmath>

namespace lab {

// A line-for-line port of libsvm 3.x multiclass_probability (svm.cpp), the code scikit-learn runs.
std::vector<double> couple_pairwise(const std::vector<double>& r, int k) {
  const size_t K = size_t(k);
  auto R = [&](size_t i, size_t j) { return r[i * K + j]; };
  std::vector<double> Q(K * K, 0.0), Qp(K), p(K, 1.0 / double(k));
  for (size_t t = 0; t < K; ++t) {
    for (size_t j = 0; j < t; ++j) {
      Q[t * K + t] += R(j, t) * R(j, t);
      Q[t * K + j] = Q[j * K + t];
    }
    for (size_t j = t + 1; j < K; ++j) {
      Q[t * K + t] += R(j, t) * R(j, t);
      Q[t * K + j] = -R(j, t) * R(t, j);
    }
  }
  const int max_iter = std::max(100, k);
  const double eps = 0.005 / double(k);
  for (int iter = 0; iter < max_iter; ++iter) {
    double pQp = 0;  // recomputed each sweep for numerical accuracy, as libsvm does
    for (size_t t = 0; t < K; ++t) {
      Qp[t] = 0;
      for (size_t j = 0; j < K; ++j) Qp[t] += Q[t * K + j] * p[j];
      pQp += p[t] * Qp[t];
    }
    double max_error = 0;
    for (size_t t = 0; t < K; ++t) max_error = std::max(max_error, std::fabs(Qp[t] - pQp));
    if (max_error < eps) break;
    for (size_t t = 0; t < K; ++t) {
      const double diff = (-Qp[t] + pQp) / Q[t * K + t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t * K + t] + 2 * Qp[t])) / (1 + diff) / (1 + diff);
      for (size_t j = 0; j < K; ++j) {
        Qp[j] = (Qp[j] + diff * Q[t * K + j]) / (1 + diff);
        p[j] /= (1 + diff);
      }
    }
  }
  return p;
}

}  // namespace lab
