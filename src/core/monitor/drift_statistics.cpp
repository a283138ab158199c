#include "core/monitor/drift_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/math/incomplete_gamma.hpp"

namespace lab {

namespace {

// SciPy's _compute_prob_outside_square: P(D >= h/n) for two samples of n each.
double prob_outside_square(int64_t n, int64_t h) {
  double p = 0.0;
  for (int64_t k = n / h; k >= 0; --k) {
    double p1 = 1.0;
    for (int64_t j = 0; j < h; ++j) p1 = double(n - k * h - j) * p1 / double(n + k * h + j + 1);
    p = p1 * (1.0 - p);
  }
  return 2 * p;
}

// SciPy's _compute_outer_prob_inside_method (Hodges' inside method, Viehmann's 1 - p
// recursion): the share of lattice paths from (0,0) to (m,n) that leave the band
// |n x / g - m y / g| < h.
double outer_prob_inside(int64_t m, int64_t n, int64_t g, int64_t h) {
  if (m < n) std::swap(m, n);
  int64_t mg = m / g, ng = n / g;
  auto ceil_div = [](int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); };
  auto floor_div = [](int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
  int64_t minj = 0, maxj = std::min(ceil_div(h, mg), n + 1);
  int64_t curlen = maxj - minj;
  int64_t len = std::min(2 * maxj + 2, n + 1);
  std::vector<double> A(size_t(std::max<int64_t>(len, 1)), 1.0);
  for (int64_t j = minj; j < maxj; ++j) A[size_t(j)] = 0.0;
  for (int64_t i = 1; i <= m; ++i) {
    int64_t lastminj = minj, lastlen = curlen;
    minj = std::max<int64_t>(floor_div(ng * i - h, mg) + 1, 0);
    minj = std::min(minj, n);
    maxj = std::min(ceil_div(ng * i + h, mg), n + 1);
    if (maxj <= minj) return 1.0;
    double val = minj == 0 ? 0.0 : 1.0;
    for (int64_t jj = 0; jj < maxj - minj; ++jj) {
      int64_t j = jj + minj;
      val = (A[size_t(jj + minj - lastminj)] * double(i) + val * double(j)) / double(i + j);
      A[size_t(jj)] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen)
      for (int64_t k = maxj - minj; k < maxj - minj + (lastlen - curlen); ++k) A[size_t(k)] = 1.0;
  }
  return A[size_t(maxj - minj - 1)];
}

double rel_entr(double x, double y) {
  if (x > 0 && y > 0) return x * det::log(x / y);
  if (x == 0 && y >= 0) return 0.0;
  return std::numeric_limits<double>::infinity();
}

}  // namespace

StatisticResult ks_two_sample(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.empty() || b.empty()) throw std::invalid_argument("the Kolmogorov-Smirnov test needs values on both sides");
  const int64_t n1 = int64_t(a.size()), n2 = int64_t(b.size());
  const int64_t g = std::gcd(n1, n2), n1g = n1 / g, n2g = n2 / g;
  // The CDF gap in whole units of 1/lcm(n1, n2), exactly, at every distinct value.
  int64_t h = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    double x = i < a.size() && (j >= b.size() || a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    int64_t gap = int64_t(i) * n2g - int64_t(j) * n1g;
    h = std::max(h, gap < 0 ? -gap : gap);
  }
  const double lcm = double(n1g) * double(n2);
  StatisticResult r;
  r.statistic = double(h) / lcm;
  if (h == 0) return r;
  double p = n1 == n2 ? prob_outside_square(n1, h) : outer_prob_inside(n1, n2, g, h);
  r.p_value = std::min(1.0, std::max(0.0, p));
  return r;
}

StatisticResult chi_square_test(const std::vector<double>& observed, const std::vector<double>& expected) {
  if (observed.size() != expected.size() || observed.empty())
    throw std::invalid_argument("a chi-squared test needs as many expected counts as observed ones");
  double stat = 0;
  for (size_t k = 0; k < observed.size(); ++k) {
    double d = observed[k] - expected[k];
    if (expected[k] == 0) stat += d == 0 ? 0.0 : std::numeric_limits<double>::infinity();
    else stat += d * d / expected[k];
  }
  StatisticResult r;
  r.statistic = stat;
  r.p_value = observed.size() < 2 ? 1.0 : chi2_survival(stat, int(observed.size()) - 1);
  return r;
}

StatisticResult z_test_two_proportions(uint64_t ones_a, uint64_t n_a, uint64_t ones_b, uint64_t n_b) {
  if (n_a == 0 || n_b == 0) throw std::invalid_argument("the Z test needs values on both sides");
  double p1 = double(ones_a) / double(n_a), p2 = double(ones_b) / double(n_b);
  double pooled = (p1 * double(n_a) + p2 * double(n_b)) / double(n_a + n_b);
  StatisticResult r;
  double spread = std::sqrt(pooled * (1 - pooled) * (1.0 / double(n_a) + 1.0 / double(n_b)));
  if (spread == 0) return r;  // one value on both sides: nothing moved
  r.statistic = (p1 - p2) / spread;
  // As SciPy computes it (1 - cdf), so tiny p-values round to 0 the same way.
  r.p_value = 2 * (1 - normal_cdf(std::fabs(r.statistic)));
  return r;
}

double wasserstein_distance(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.empty() || b.empty()) throw std::invalid_argument("the Wasserstein distance needs values on both sides");
  const double na = double(a.size()), nb = double(b.size());
  size_t i = 0, j = 0;
  double sum = 0;
  double x = std::min(a[0], b[0]);
  for (;;) {
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    if (i == a.size() && j == b.size()) break;
    double next = i < a.size() && (j >= b.size() || a[i] <= b[j]) ? a[i] : b[j];
    sum += std::fabs(double(i) / na - double(j) / nb) * (next - x);
    x = next;
  }
  return sum;
}

double jensen_shannon_distance(const std::vector<double>& p, const std::vector<double>& q) {
  if (p.size() != q.size() || p.empty()) throw std::invalid_argument("Jensen-Shannon needs two distributions over the same bins");
  double sp = 0, sq = 0;
  for (size_t k = 0; k < p.size(); ++k) { sp += p[k]; sq += q[k]; }
  double left = 0, right = 0;
  for (size_t k = 0; k < p.size(); ++k) {
    double pk = p[k] / sp, qk = q[k] / sq, m = (pk + qk) / 2.0;
    left += rel_entr(pk, m);
    right += rel_entr(qk, m);
  }
  double js = left + right;
  return std::sqrt(std::max(0.0, js / 2.0));
}

double population_std(const std::vector<double>& v) {
  if (v.empty()) return 0;
  double sum = 0;
  for (double x : v) sum += x;
  double mean = sum / double(v.size()), ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / double(v.size()));
}

}  // namespace lab
