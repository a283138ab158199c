#include "core/models/lbfgs.hpp"

#include <cmath>

namespace lab {

namespace {
double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}
}  // namespace

void Lbfgs::start(std::vector<double> x0, const Objective& f) {
  x_ = std::move(x0);
  g_.assign(x_.size(), 0.0);
  f_ = f(x_, g_);
  iter_ = 0;
  s_.clear();
  y_.clear();
  rho_.clear();
}

double Lbfgs::max_abs_gradient() const {
  double m = 0;
  for (double v : g_) m = std::fmax(m, std::fabs(v));
  return m;
}

void Lbfgs::direction(std::vector<double>& d) const {
  const size_t m = s_.size();
  d = g_;
  std::vector<double> alpha(m);
  for (size_t k = m; k-- > 0;) {
    alpha[k] = rho_[k] * dot(s_[k], d);
    for (size_t i = 0; i < d.size(); ++i) d[i] -= alpha[k] * y_[k][i];
  }
  if (m > 0) {  // initial Hessian scaled by the latest curvature, as in Nocedal & Wright
    double gamma = dot(s_[m - 1], y_[m - 1]) / dot(y_[m - 1], y_[m - 1]);
    for (double& v : d) v *= gamma;
  }
  for (size_t k = 0; k < m; ++k) {
    double beta = rho_[k] * dot(y_[k], d);
    for (size_t i = 0; i < d.size(); ++i) d[i] += (alpha[k] - beta) * s_[k][i];
  }
  for (double& v : d) v = -v;
}

bool Lbfgs::iterate(const Objective& f) {
  std::vector<double> d;
  direction(d);
  double slope = dot(g_, d);
  if (!(slope < 0)) {  // lost descent (numerical noise): restart from steepest descent
    s_.clear(); y_.clear(); rho_.clear();
    direction(d);
    slope = dot(g_, d);
    if (!(slope < 0)) return false;
  }
  // First iteration: a unit step along -g can be huge; start from a step of length ~1.
  double t = 1.0;
  if (s_.empty()) {
    double gnorm = std::sqrt(dot(g_, g_));
    if (gnorm > 1.0) t = 1.0 / gnorm;
  }
  std::vector<double> x_new(x_.size()), g_new(x_.size());
  double f_new = 0;
  bool accepted = false;
  for (int tries = 0; tries < 40; ++tries) {
    for (size_t i = 0; i < x_.size(); ++i) x_new[i] = x_[i] + t * d[i];
    f_new = f(x_new, g_new);
    if (std::isfinite(f_new) && f_new <= f_ + 1e-4 * t * slope) { accepted = true; break; }
    t *= 0.5;
  }
  if (!accepted) return false;
  std::vector<double> s(x_.size()), y(x_.size());
  for (size_t i = 0; i < x_.size(); ++i) { s[i] = x_new[i] - x_[i]; y[i] = g_new[i] - g_[i]; }
  double sy = dot(s, y);
  if (sy > 1e-300 * dot(y, y) && sy > 0) {  // keep the update only when curvature is positive
    if (s_.size() == memory_) { s_.erase(s_.begin()); y_.erase(y_.begin()); rho_.erase(rho_.begin()); }
    s_.push_back(std::move(s));
    y_.push_back(std::move(y));
    rho_.push_back(1.0 / sy);
  }
  bool moved = f_new < f_;
  x_.swap(x_new);
  g_.swap(g_new);
  f_ = f_new;
  ++iter_;
  return moved;
}

}  // namespace lab
