#include "core/models/svm_smo.hpp"

#include <cmath>
#include <limits>

namespace lab {

namespace {
const double kTau = 1e-12;  // libsvm's floor for a non-positive curvature
const double kInf = std::numeric_limits<double>::infinity();
}  // namespace

SmoSolver::SmoSolver(const DenseMatrix& X, const std::vector<double>& y_pm1, SvmKernel kernel, double C, double tol,
                     size_t cache_bytes)
    : y_(y_pm1), C_(C), tol_(tol), Q_(X, y_pm1, kernel, cache_bytes), alpha_(X.rows, 0.0), G_(X.rows, -1.0) {
  gap_ = kInf;
}

// libsvm's select_working_set (WSS 3): i maximises the violation -y_i G_i over the "up" set;
// j gives the largest second-order decrease of the objective with i.
bool SmoSolver::select_working_set(size_t& out_i, size_t& out_j) {
  const size_t l = alpha_.size();
  double Gmax = -kInf, Gmax2 = -kInf, obj_diff_min = kInf;
  long Gmax_idx = -1, Gmin_idx = -1;
  for (size_t t = 0; t < l; ++t) {
    if (y_[t] > 0) {
      if (!at_upper(t) && -G_[t] >= Gmax) { Gmax = -G_[t]; Gmax_idx = long(t); }
    } else {
      if (!at_lower(t) && G_[t] >= Gmax) { Gmax = G_[t]; Gmax_idx = long(t); }
    }
  }
  const std::vector<float>* Q_i = Gmax_idx >= 0 ? &Q_.row(size_t(Gmax_idx)) : nullptr;
  const size_t i = size_t(Gmax_idx);
  for (size_t j = 0; j < l; ++j) {
    if (y_[j] > 0) {
      if (at_lower(j)) continue;
      double grad_diff = Gmax + G_[j];
      if (G_[j] >= Gmax2) Gmax2 = G_[j];
      if (grad_diff > 0 && Q_i) {
        double quad = Q_.diagonal(i) + Q_.diagonal(j) - 2.0 * y_[i] * double((*Q_i)[j]);
        double obj_diff = quad > 0 ? -(grad_diff * grad_diff) / quad : -(grad_diff * grad_diff) / kTau;
        if (obj_diff <= obj_diff_min) { Gmin_idx = long(j); obj_diff_min = obj_diff; }
      }
    } else {
      if (at_upper(j)) continue;
      double grad_diff = Gmax - G_[j];
      if (-G_[j] >= Gmax2) Gmax2 = -G_[j];
      if (grad_diff > 0 && Q_i) {
        double quad = Q_.diagonal(i) + Q_.diagonal(j) + 2.0 * y_[i] * double((*Q_i)[j]);
        double obj_diff = quad > 0 ? -(grad_diff * grad_diff) / quad : -(grad_diff * grad_diff) / kTau;
        if (obj_diff <= obj_diff_min) { Gmin_idx = long(j); obj_diff_min = obj_diff; }
      }
    }
  }
  gap_ = Gmax + Gmax2;
  if (gap_ < tol_ || Gmin_idx == -1) return false;
  out_i = size_t(Gmax_idx);
  out_j = size_t(Gmin_idx);
  return true;
}

// libsvm's two-variable update with clipping to the box, then the gradient update.
void SmoSolver::update_pair(size_t i, size_t j) {
  const std::vector<float>& Q_i = Q_.row(i);
  const std::vector<float>& Q_j = Q_.row(j);  // may evict nothing: the cache holds at least two rows
  const double C_i = C_, C_j = C_;
  const double old_i = alpha_[i], old_j = alpha_[j];
  double& ai = alpha_[i];
  double& aj = alpha_[j];
  if (y_[i] != y_[j]) {
    double quad = Q_.diagonal(i) + Q_.diagonal(j) + 2.0 * double(Q_i[j]);
    if (quad <= 0) quad = kTau;
    double delta = (-G_[i] - G_[j]) / quad;
    double diff = ai - aj;
    ai += delta;
    aj += delta;
    if (diff > 0) {
      if (aj < 0) { aj = 0; ai = diff; }
    } else {
      if (ai < 0) { ai = 0; aj = -diff; }
    }
    if (diff > C_i - C_j) {
      if (ai > C_i) { ai = C_i; aj = C_i - diff; }
    } else {
      if (aj > C_j) { aj = C_j; ai = C_j + diff; }
    }
  } else {
    double quad = Q_.diagonal(i) + Q_.diagonal(j) - 2.0 * double(Q_i[j]);
    if (quad <= 0) quad = kTau;
    double delta = (G_[i] - G_[j]) / quad;
    double sum = ai + aj;
    ai -= delta;
    aj += delta;
    if (sum > C_i) {
      if (ai > C_i) { ai = C_i; aj = sum - C_i; }
    } else {
      if (aj < 0) { aj = 0; ai = sum; }
    }
    if (sum > C_j) {
      if (aj > C_j) { aj = C_j; ai = sum - C_j; }
    } else {
      if (ai < 0) { ai = 0; aj = sum; }
    }
  }
  const double di = ai - old_i, dj = aj - old_j;
  for (size_t k = 0; k < G_.size(); ++k) G_[k] += double(Q_i[k]) * di + double(Q_j[k]) * dj;
}

bool SmoSolver::run(long iterations) {
  for (long t = 0; t < iterations && !optimal_; ++t) {
    size_t i = 0, j = 0;
    if (!select_working_set(i, j)) { optimal_ = true; break; }
    ++iter_;
    update_pair(i, j);
  }
  return optimal_;
}

double SmoSolver::rho() const {
  // libsvm's calculate_rho: average y_i G_i over free vectors, else the middle of the feasible interval.
  double ub = kInf, lb = -kInf, sum_free = 0;
  long nr_free = 0;
  for (size_t i = 0; i < alpha_.size(); ++i) {
    double yG = y_[i] * G_[i];
    if (at_upper(i)) {
      if (y_[i] < 0) ub = std::fmin(ub, yG);
      else lb = std::fmax(lb, yG);
    } else if (at_lower(i)) {
      if (y_[i] > 0) ub = std::fmin(ub, yG);
      else lb = std::fmax(lb, yG);
    } else {
      ++nr_free;
      sum_free += yG;
    }
  }
  return nr_free > 0 ? sum_free / double(nr_free) : (ub + lb) / 2;
}

double SmoSolver::dual_objective() const {
  double v = 0;  // libsvm: sum_i a_i (G_i + p_i) / 2 with p_i = -1
  for (size_t i = 0; i < alpha_.size(); ++i) v += alpha_[i] * (G_[i] - 1.0);
  return v / 2;
}

std::vector<double> SmoSolver::training_decisions() const {
  const double r = rho();
  std::vector<double> f(alpha_.size());
  // (Q a)_i = G_i + 1 = y_i * sum_j y_j a_j K_ij
  for (size_t i = 0; i < f.size(); ++i) f[i] = y_[i] * (G_[i] + 1.0) - r;
  return f;
}

}  // namespace lab
