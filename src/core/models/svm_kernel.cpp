#include "core/models/svm_kernel.hpp"

#include <algorithm>

#include "core/math/det_math.hpp"

namespace lab {

double squared_norm(const double* a, size_t d) {
  double s = 0;
  for (size_t j = 0; j < d; ++j) s += a[j] * a[j];
  return s;
}

double SvmKernel::operator()(const double* a, const double* b, size_t d, double sq_a, double sq_b) const {
  double dot = 0;
  for (size_t j = 0; j < d; ++j) dot += a[j] * b[j];
  if (!rbf) return dot;
  return det::exp(-gamma * (sq_a + sq_b - 2 * dot));
}

KernelRowCache::KernelRowCache(const DenseMatrix& X, const std::vector<double>& y, SvmKernel k, size_t budget_bytes)
    : X_(X), y_(y), k_(k), sq_(X.rows), qd_(X.rows), where_(X.rows) {
  for (size_t i = 0; i < X.rows; ++i) sq_[i] = squared_norm(X.row(i), X.cols);
  for (size_t i = 0; i < X.rows; ++i) qd_[i] = k_(X.row(i), X.row(i), X.cols, sq_[i], sq_[i]);
  max_rows_ = std::max<size_t>(2, budget_bytes / (sizeof(float) * std::max<size_t>(1, X.rows)));
  for (auto& w : where_) w = lru_.end();
}

const std::vector<float>& KernelRowCache::row(size_t i) {
  if (where_[i] != lru_.end()) {
    lru_.splice(lru_.begin(), lru_, where_[i]);
    return lru_.front().values;
  }
  if (lru_.size() >= max_rows_) {
    where_[lru_.back().index] = lru_.end();
    lru_.pop_back();
  }
  lru_.push_front(Entry{i, std::vector<float>(X_.rows)});
  where_[i] = lru_.begin();
  std::vector<float>& out = lru_.front().values;
  const double* xi = X_.row(i);
  for (size_t j = 0; j < X_.rows; ++j)
    out[j] = float(y_[i] * y_[j] * k_(xi, X_.row(j), X_.cols, sq_[i], sq_[j]));
  return out;
}

}  // namespace lab
