#pragma once
// The two passes over the training rows that one binary Newton iteration of logistic
// regression needs, written for speed without giving up bit-identical results:
//   evaluate_binary_logistic: loss, gradient and per-row curvature at (w, b);
//   add_weighted_gram:        H = [X 1]^T diag(s) [X 1], the Hessian of the loss part.
// Rows go through in blocks that are transposed so each feature's values sit contiguously:
// the per-row sums then run across rows as element-wise loops (they vectorise with SSE2 and
// -msimd128), each row's scores keep the plain left-to-right summation order, and the sums over
// rows use 8 fixed partial sums added in a fixed order, so the bits do not depend on SIMD.
#include <vector>

#include "core/models/log_sum.hpp"
#include "core/models/matrix.hpp"

namespace lab {

struct BinaryLogisticPoint {
  double mean_log_loss = 0;       // (1/n) sum_i -log p(y_i | x_i)
  std::vector<double> gradient;   // d + 1 entries (intercept last): C * sum_i (p_i - y_i) [x_i, 1]
  std::vector<double> curvature;  // n entries: C * p_i (1 - p_i)
};

// p_i = sigmoid(b + w . x_i), bit-identical to det::sigmoid. w has X.cols entries.
void evaluate_binary_logistic(const DenseMatrix& X, const std::vector<double>& y, const std::vector<double>& w,
                              double b, double C, BinaryLogisticPoint& out);

// Returns the full symmetric (d + 1) x (d + 1) matrix sum_i s_i [x_i, 1][x_i, 1]^T, row-major,
// intercept last. Only the lower triangle is summed; the upper is its mirror.
std::vector<double> weighted_gram(const DenseMatrix& X, const std::vector<double>& s);

// The same two passes a run of rows at a time (Learner::step_part at a million rows). The sums
// go block by block in row order whatever the cut, so the results are the functions' above, as
// long as every run but the last is a whole number of kLogisticBlock rows.
inline constexpr size_t kLogisticBlock = 256;  // rows per block: d transposed columns stay in L1

class BinaryLogisticPass {
 public:
  // The arguments must outlive the pass; out is written as the rows come.
  void start(const DenseMatrix& X, const std::vector<double>& y, const std::vector<double>& w, double b, double C,
             BinaryLogisticPoint& out);
  void add_rows(size_t from, size_t to);
  void finish();  // after every row: out.mean_log_loss

 private:
  const DenseMatrix* X_ = nullptr;
  const std::vector<double>* y_ = nullptr;
  const std::vector<double>* w_ = nullptr;
  double b_ = 0, C_ = 0;
  BinaryLogisticPoint* out_ = nullptr;
  std::vector<double> xt_, z_, r_;
  double margins_ = 0;  // the max(0, m) parts of the losses
  LogSum logs_;         // the log(1 + e^-|z|) parts
};

class WeightedGramPass {
 public:
  void start(const DenseMatrix& X, const std::vector<double>& s);  // both must outlive the pass
  void add_rows(size_t from, size_t to);
  std::vector<double> finish();  // after every row: the matrix

 private:
  const DenseMatrix* X_ = nullptr;
  const std::vector<double>* s_ = nullptr;
  std::vector<double> H_, xt_, sb_, u_;
};

}  // namespace lab
