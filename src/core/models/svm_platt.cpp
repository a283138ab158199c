#include "core/models/svm_platt.hpp"

#include <cmath>

#include "core/math/det_math.hpp"

namespace lab {

double PlattSigmoid::probability(double f) const { return det::sigmoid(-(A * f + B)); }

namespace {
// Negative log-likelihood of the smoothed targets t under sigmoid(-(A f + B)).
double platt_loss(const std::vector<double>& f, const std::vector<double>& t, double A, double B) {
  double v = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    double z = f[i] * A + B;
    v += z >= 0 ? t[i] * z + det::log1p_exp(-z) : (t[i] - 1) * z + det::log1p_exp(z);
  }
  return v;
}
}  // namespace

PlattSigmoid fit_platt(const std::vector<double>& f, const std::vector<double>& labels) {
  double prior1 = 0, prior0 = 0;
  for (double y : labels) (y > 0.5 ? prior1 : prior0) += 1;
  const double hi = (prior1 + 1.0) / (prior1 + 2.0), lo = 1.0 / (prior0 + 2.0);
  std::vector<double> t(f.size());
  for (size_t i = 0; i < f.size(); ++i) t[i] = labels[i] > 0.5 ? hi : lo;
  const int max_iter = 100;
  const double min_step = 1e-10, sigma = 1e-12, eps = 1e-5;
  double A = 0.0, B = det::log((prior0 + 1.0) / (prior1 + 1.0));
  double fval = platt_loss(f, t, A, B);
  for (int iter = 0; iter < max_iter; ++iter) {
    double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
    for (size_t i = 0; i < f.size(); ++i) {
      double p = det::sigmoid(-(f[i] * A + B));  // P(class 1)
      double q = 1.0 - p;
      double d2 = p * q;
      h11 += f[i] * f[i] * d2;
      h22 += d2;
      h21 += f[i] * d2;
      double d1 = t[i] - p;
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (std::fabs(g1) < eps && std::fabs(g2) < eps) break;
    double det = h11 * h22 - h21 * h21;
    double dA = -(h22 * g1 - h21 * g2) / det;
    double dB = -(-h21 * g1 + h11 * g2) / det;
    double gd = g1 * dA + g2 * dB;
    double step = 1.0;
    while (step >= min_step) {
      double nA = A + step * dA, nB = B + step * dB;
      double nf = platt_loss(f, t, nA, nB);
      if (nf < fval + 0.0001 * step * gd) { A = nA; B = nB; fval = nf; break; }
      step /= 2.0;
    }
    if (step < min_step) break;  // line search failed: keep the best so far
  }
  return {A, B};
}

}  // namespace lab
