#include "core/models/logistic_newton.hpp"

#include <algorithm>
#include <cstring>

#include "core/math/det_math.hpp"
#include "core/models/log_sum.hpp"

namespace lab {

namespace {

constexpr size_t kBlock = kLogisticBlock;
constexpr size_t kLanes = 8;    // independent partial sums: 4 registers of 2 (dot_lanes, sum_lanes)

static_assert(kBlock % kLanes == 0, "blocks are whole multiples of the lane count");

// Two doubles side by side: SSE2 natively, f64x2 with -msimd128. Element-wise + and * on them are
// the same IEEE operations as on scalars, so results are bit-identical with or without SIMD; the
// vector type only makes sure both compilers keep the 8 partial sums in registers (clang's
// auto-vectoriser assembled them lane by lane otherwise).
typedef double F64x2 __attribute__((vector_size(16)));

F64x2 load2(const double* p) {
  F64x2 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

double total(F64x2 a0, F64x2 a1, F64x2 a2, F64x2 a3) {  // lane l of a_k is partial sum 2k + l
  return ((a0[0] + a0[1]) + (a1[0] + a1[1])) + ((a2[0] + a2[1]) + (a3[0] + a3[1]));
}

// sum_i a_i b_i over n (a multiple of kLanes) entries, in kLanes fixed partial sums.
double dot_lanes(const double* a, const double* b, size_t n) {
  F64x2 s0 = {0, 0}, s1 = s0, s2 = s0, s3 = s0;
  for (size_t i = 0; i < n; i += kLanes) {
    s0 += load2(a + i) * load2(b + i);
    s1 += load2(a + i + 2) * load2(b + i + 2);
    s2 += load2(a + i + 4) * load2(b + i + 4);
    s3 += load2(a + i + 6) * load2(b + i + 6);
  }
  return total(s0, s1, s2, s3);
}

double sum_lanes(const double* a, size_t n) {
  F64x2 s0 = {0, 0}, s1 = s0, s2 = s0, s3 = s0;
  for (size_t i = 0; i < n; i += kLanes) {
    s0 += load2(a + i);
    s1 += load2(a + i + 2);
    s2 += load2(a + i + 4);
    s3 += load2(a + i + 6);
  }
  return total(s0, s1, s2, s3);
}

// Rows [r0, r0 + m) of X into column-major xt (d columns of kBlock), the unused tail zeroed.
void transpose_block(const DenseMatrix& X, size_t r0, size_t m, double* xt) {
  const size_t d = X.cols;
  for (size_t i = 0; i < m; ++i) {
    const double* x = X.row(r0 + i);
    for (size_t j = 0; j < d; ++j) xt[j * kBlock + i] = x[j];
  }
  if (m < kBlock)
    for (size_t j = 0; j < d; ++j) std::fill(xt + j * kBlock + m, xt + (j + 1) * kBlock, 0.0);
}

}  // namespace

void evaluate_binary_logistic(const DenseMatrix& X, const std::vector<double>& y, const std::vector<double>& w,
                              double b, double C, BinaryLogisticPoint& out) {
  BinaryLogisticPass pass;
  pass.start(X, y, w, b, C, out);
  pass.add_rows(0, X.rows);
  pass.finish();
}

void BinaryLogisticPass::start(const DenseMatrix& X, const std::vector<double>& y, const std::vector<double>& w,
                               double b, double C, BinaryLogisticPoint& out) {
  X_ = &X, y_ = &y, w_ = &w, b_ = b, C_ = C, out_ = &out;
  out.gradient.assign(X.cols + 1, 0.0);
  out.curvature.resize(X.rows);
  xt_.assign(X.cols * kBlock, 0.0);
  z_.assign(kBlock, 0.0);
  r_.assign(kBlock, 0.0);
  margins_ = 0;
  logs_ = LogSum();
}

void BinaryLogisticPass::add_rows(size_t from, size_t to) {
  const DenseMatrix& X = *X_;
  const std::vector<double>& y = *y_;
  const std::vector<double>& w = *w_;
  BinaryLogisticPoint& out = *out_;
  const size_t d = X.cols;
  const double b = b_, C = C_;
  for (size_t r0 = from; r0 < to; r0 += kBlock) {
    const size_t m = std::min(kBlock, to - r0);
    transpose_block(X, r0, m, xt_.data());
    std::fill(z_.begin(), z_.end(), b);
    for (size_t j = 0; j < d; ++j) {
      const double wj = w[j];
      const double* col = xt_.data() + j * kBlock;
      for (size_t i = 0; i < kBlock; ++i) z_[i] += wj * col[i];
    }
    for (size_t i = 0; i < m; ++i) {
      // One exp gives the probability and the loss: e = exp(-|z|), p = sigmoid(z),
      // -log p(y | z) = max(0, margin) + log(1 + e) with margin = -z for y = 1, z for y = 0.
      const double zi = z_[i], yi = y[r0 + i];
      const double e = det::exp(zi < 0 ? zi : -zi);
      const double p = zi >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      const double margin = yi > 0.5 ? -zi : zi;
      margins_ += margin > 0 ? margin : 0.0;
      logs_.add(1.0 + e);
      r_[i] = C * (p - yi);
      out.curvature[r0 + i] = C * p * (1.0 - p);
    }
    std::fill(r_.begin() + long(m), r_.end(), 0.0);
    for (size_t j = 0; j < d; ++j) out.gradient[j] += dot_lanes(r_.data(), xt_.data() + j * kBlock, kBlock);
    out.gradient[d] += sum_lanes(r_.data(), kBlock);
  }
}

void BinaryLogisticPass::finish() { out_->mean_log_loss = (margins_ + logs_.total()) / double(X_->rows); }

std::vector<double> weighted_gram(const DenseMatrix& X, const std::vector<double>& s) {
  WeightedGramPass pass;
  pass.start(X, s);
  pass.add_rows(0, X.rows);
  return pass.finish();
}

void WeightedGramPass::start(const DenseMatrix& X, const std::vector<double>& s) {
  X_ = &X, s_ = &s;
  const size_t k = X.cols + 1;
  H_.assign(k * k, 0.0);
  xt_.assign(X.cols * kBlock, 0.0);
  sb_.assign(kBlock, 0.0);
  u_.assign(kBlock, 0.0);
}

void WeightedGramPass::add_rows(size_t from, size_t to) {
  const DenseMatrix& X = *X_;
  const std::vector<double>& s = *s_;
  const size_t d = X.cols, k = d + 1;
  for (size_t r0 = from; r0 < to; r0 += kBlock) {
    const size_t m = std::min(kBlock, to - r0);
    transpose_block(X, r0, m, xt_.data());
    std::copy(s.begin() + long(r0), s.begin() + long(r0 + m), sb_.begin());
    std::fill(sb_.begin() + long(m), sb_.end(), 0.0);
    for (size_t a = 0; a < d; ++a) {
      const double* xa = xt_.data() + a * kBlock;
      for (size_t i = 0; i < kBlock; ++i) u_[i] = sb_[i] * xa[i];
      double* row = H_.data() + a * k;
      for (size_t c = 0; c <= a; ++c) row[c] += dot_lanes(u_.data(), xt_.data() + c * kBlock, kBlock);
      H_[d * k + a] += sum_lanes(u_.data(), kBlock);  // intercept row: sum_i s_i x_ia
    }
    H_[d * k + d] += sum_lanes(sb_.data(), kBlock);
  }
}

std::vector<double> WeightedGramPass::finish() {
  const size_t k = X_->cols + 1;
  for (size_t a = 0; a < k; ++a)
    for (size_t c = 0; c < a; ++c) H_[c * k + a] = H_[a * k + c];
  return std::move(H_);
}

}  // namespace lab
