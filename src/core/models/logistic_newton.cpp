#include "core/models/logistic_newton.hpp"

#include <algorithm>
#include <cstring>

#include "core/math/det_math.hpp"
#include "core/models/log_sum.hpp"

namespace lab {

namespace {

constexpr size_t kBlock = 256;  // rows per block: d transposed columns of it stay in L1
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
  const size_t n = X.rows, d = X.cols;
  out.gradient.assign(d + 1, 0.0);
  out.curvature.resize(n);
  std::vector<double> xt(d * kBlock), z(kBlock), r(kBlock);
  double margins = 0;  // the max(0, m) parts of the losses
  LogSum logs;         // the log(1 + e^-|z|) parts
  for (size_t r0 = 0; r0 < n; r0 += kBlock) {
    const size_t m = std::min(kBlock, n - r0);
    transpose_block(X, r0, m, xt.data());
    std::fill(z.begin(), z.end(), b);
    for (size_t j = 0; j < d; ++j) {
      const double wj = w[j];
      const double* col = xt.data() + j * kBlock;
      for (size_t i = 0; i < kBlock; ++i) z[i] += wj * col[i];
    }
    for (size_t i = 0; i < m; ++i) {
      // One exp gives the probability and the loss: e = exp(-|z|), p = sigmoid(z),
      // -log p(y | z) = max(0, margin) + log(1 + e) with margin = -z for y = 1, z for y = 0.
      const double zi = z[i], yi = y[r0 + i];
      const double e = det::exp(zi < 0 ? zi : -zi);
      const double p = zi >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      const double margin = yi > 0.5 ? -zi : zi;
      margins += margin > 0 ? margin : 0.0;
      logs.add(1.0 + e);
      r[i] = C * (p - yi);
      out.curvature[r0 + i] = C * p * (1.0 - p);
    }
    std::fill(r.begin() + long(m), r.end(), 0.0);
    for (size_t j = 0; j < d; ++j) out.gradient[j] += dot_lanes(r.data(), xt.data() + j * kBlock, kBlock);
    out.gradient[d] += sum_lanes(r.data(), kBlock);
  }
  out.mean_log_loss = (margins + logs.total()) / double(n);
}

std::vector<double> weighted_gram(const DenseMatrix& X, const std::vector<double>& s) {
  const size_t n = X.rows, d = X.cols, k = d + 1;
  std::vector<double> H(k * k, 0.0), xt(d * kBlock), sb(kBlock), u(kBlock);
  for (size_t r0 = 0; r0 < n; r0 += kBlock) {
    const size_t m = std::min(kBlock, n - r0);
    transpose_block(X, r0, m, xt.data());
    std::copy(s.begin() + long(r0), s.begin() + long(r0 + m), sb.begin());
    std::fill(sb.begin() + long(m), sb.end(), 0.0);
    for (size_t a = 0; a < d; ++a) {
      const double* xa = xt.data() + a * kBlock;
      for (size_t i = 0; i < kBlock; ++i) u[i] = sb[i] * xa[i];
      double* row = H.data() + a * k;
      for (size_t c = 0; c <= a; ++c) row[c] += dot_lanes(u.data(), xt.data() + c * kBlock, kBlock);
      H[d * k + a] += sum_lanes(u.data(), kBlock);  // intercept row: sum_i s_i x_ia
    }
    H[d * k + d] += sum_lanes(sb.data(), kBlock);
  }
  for (size_t a = 0; a < k; ++a)
    for (size_t c = 0; c < a; ++c) H[c * k + a] = H[a * k + c];
  return H;
}

}  // namespace lab
