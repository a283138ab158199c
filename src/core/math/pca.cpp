#include "core/math/pca.hpp"

// Eigen without vectorisation (as in lime_tabular.cpp), so native and wasm do the same scalar
// operations; the covariance is summed in plain loops for the same reason. Eigen's Householder
// products block by the cache sizes it detects (CPUID natively, defaults in wasm), so they are
// pinned below before solving.
#define EIGEN_DONT_VECTORIZE
#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace lab {

PrincipalComponents principal_components(const DenseMatrix& X, size_t k) {
  const size_t n = X.rows, d = X.cols;
  if (n < 2) throw std::invalid_argument("principal components need at least 2 rows, got " + std::to_string(n));
  if (d == 0) throw std::invalid_argument("principal components need at least one column");
  if (k < 1 || k > d)
    throw std::invalid_argument("asked for " + std::to_string(k) + " components of " + std::to_string(d) + " columns");
  PrincipalComponents pc;
  pc.mean.assign(d, 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < d; ++j) pc.mean[j] += X.at(i, j);
  for (double& m : pc.mean) m /= double(n);

  // Lower triangle of (X - mean)^T (X - mean) / (n - 1), row by row.
  std::vector<double> centred(d);
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(Eigen::Index(d), Eigen::Index(d));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < d; ++j) centred[j] = X.at(i, j) - pc.mean[j];
    for (size_t a = 0; a < d; ++a)
      for (size_t b = 0; b <= a; ++b) cov(Eigen::Index(a), Eigen::Index(b)) += centred[a] * centred[b];
  }
  for (size_t a = 0; a < d; ++a)
    for (size_t b = 0; b <= a; ++b) {
      const double v = cov(Eigen::Index(a), Eigen::Index(b)) / double(n - 1);
      cov(Eigen::Index(a), Eigen::Index(b)) = v;
      cov(Eigen::Index(b), Eigen::Index(a)) = v;
    }
  for (size_t a = 0; a < d; ++a) pc.total_variance += cov(Eigen::Index(a), Eigen::Index(a));

  Eigen::setCpuCacheSizes(32 * 1024, 256 * 1024, 2 * 1024 * 1024);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(cov);
  if (solver.info() != Eigen::Success) throw std::runtime_error("the eigen solver did not converge on this data");
  const Eigen::VectorXd& values = solver.eigenvalues();  // ascending
  const Eigen::MatrixXd& vectors = solver.eigenvectors();
  for (size_t c = 0; c < k; ++c) {
    const Eigen::Index col = Eigen::Index(d - 1 - c);
    std::vector<double> v(d);
    size_t biggest = 0;
    for (size_t j = 0; j < d; ++j) {
      v[j] = vectors(Eigen::Index(j), col);
      if (std::fabs(v[j]) > std::fabs(v[biggest])) biggest = j;
    }
    if (v[biggest] < 0)
      for (double& x : v) x = -x;
    // Rounding can leave a zero-variance direction a hair below zero.
    const double variance = std::max(0.0, values(col));
    pc.explained_variance.push_back(variance);
    pc.explained_variance_ratio.push_back(pc.total_variance > 0 ? variance / pc.total_variance : 0.0);
    pc.components.push_back(std::move(v));
  }
  pc.scores.assign(k, std::vector<double>(n, 0.0));
  for (size_t i = 0; i < n; ++i)
    for (size_t c = 0; c < k; ++c) {
      double s = 0;
      for (size_t j = 0; j < d; ++j) s += (X.at(i, j) - pc.mean[j]) * pc.components[c][j];
      pc.scores[c][i] = s;
    }
  return pc;
}

}  // namespace lab
