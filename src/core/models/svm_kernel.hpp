#pragma once
// Kernels for the SVM and a row cache for its SMO solver. Rows of Q (Q_ij = y_i y_j K(x_i, x_j))
// are stored as float, as libsvm does: halves memory and follows libsvm's iteration path closely.
#include <cstddef>
#include <list>
#include <string>
#include <vector>

#include "core/models/matrix.hpp"

namespace lab {

struct SvmKernel {
  bool rbf = true;
  double gamma = 1.0;
  // K(a, b) for rows of length d; sq_a / sq_b are |a|^2 and |b|^2 (used by the RBF form
  // exp(-gamma (|a|^2 + |b|^2 - 2 a.b)), libsvm's formula).
  double operator()(const double* a, const double* b, size_t d, double sq_a, double sq_b) const;
};

double squared_norm(const double* a, size_t d);

class KernelRowCache {
 public:
  // X and y (+1/-1) must outlive the cache. budget_bytes bounds the memory held by cached rows.
  KernelRowCache(const DenseMatrix& X, const std::vector<double>& y, SvmKernel k, size_t budget_bytes);
  const std::vector<float>& row(size_t i);  // Q_i., computing it if absent (least recently used goes)
  double diagonal(size_t i) const { return qd_[i]; }

 private:
  struct Entry {
    size_t index;
    std::vector<float> values;
  };
  const DenseMatrix& X_;
  const std::vector<double>& y_;
  SvmKernel k_;
  std::vector<double> sq_, qd_;
  size_t max_rows_;
  std::list<Entry> lru_;                             // most recently used first
  std::vector<std::list<Entry>::iterator> where_;  // per row: its entry or lru_.end()
};

}  // namespace lab
