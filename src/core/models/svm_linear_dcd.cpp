#include "core/models/svm_linear_dcd.hpp"

#include <algorithm>
#include <limits>

namespace lab {

namespace {
const double kInf = std::numeric_limits<double>::infinity();

double dot(const double* a, const double* b, size_t d) {
  double s = 0;  // one fixed order: the same bits natively and in wasm
  for (size_t k = 0; k < d; ++k) s += a[k] * b[k];
  return s;
}
}  // namespace

LinearDcdSolver::LinearDcdSolver(const DenseMatrix& X, const std::vector<double>& y_pm1, double C, double tol,
                                 uint64_t seed)
    : X_(X), y_(y_pm1), C_(C), tol_(tol), rng_(seed), alpha_(X.rows, 0.0), qd_(X.rows), w_(X.cols, 0.0),
      active_(X.rows), n_active_(X.rows), pg_max_old_(kInf), pg_min_old_(-kInf) {
  for (size_t i = 0; i < X.rows; ++i) {
    qd_[i] = dot(X.row(i), X.row(i), X.cols) + 1.0;  // + 1 for the constant bias feature
    active_[i] = i;
  }
}

double LinearDcdSolver::decision(const double* x) const { return dot(w_.data(), x, X_.cols) + b_; }

bool LinearDcdSolver::run(long passes) {
  const size_t d = X_.cols;
  for (long pass = 0; pass < passes && !optimal_; ++pass) {
    // Visit the active rows in a fresh random order (a fixed order converges much more slowly).
    for (size_t i = 0; i < n_active_; ++i) {
      size_t j = i + size_t(rng_.below(n_active_ - i));
      std::swap(active_[i], active_[j]);
    }
    double pg_max = -kInf, pg_min = kInf;
    for (size_t s = 0; s < n_active_; ++s) {
      const size_t i = active_[s];
      const double* x = X_.row(i);
      const double G = y_[i] * decision(x) - 1.0;  // d(dual)/d(a_i)
      double pg = 0;                                 // the gradient projected on the box [0, C]
      if (alpha_[i] <= 0) {
        if (G > pg_max_old_) {  // at 0 and pushed further down: set the row aside for now
          std::swap(active_[s], active_[--n_active_]);
          --s;
          continue;
        }
        pg = std::min(G, 0.0);
      } else if (alpha_[i] >= C_) {
        if (G < pg_min_old_) {  // at C and pushed further up
          std::swap(active_[s], active_[--n_active_]);
          --s;
          continue;
        }
        pg = std::max(G, 0.0);
      } else {
        pg = G;
      }
      pg_max = std::max(pg_max, pg);
      pg_min = std::min(pg_min, pg);
      if (pg > 1e-12 || pg < -1e-12) {
        const double old = alpha_[i];
        alpha_[i] = std::min(std::max(old - G / qd_[i], 0.0), C_);
        const double step = (alpha_[i] - old) * y_[i];
        for (size_t k = 0; k < d; ++k) w_[k] += step * x[k];
        b_ += step;
      }
    }
    ++passes_;
    if (n_active_ == 0) pg_max = pg_min = 0;  // every row set aside: recheck them all
    gap_ = pg_max - pg_min;
    if (gap_ <= tol_) {
      if (n_active_ == X_.rows) {
        optimal_ = true;
        break;
      }
      n_active_ = X_.rows;  // converged on the active rows: check every row once more
      pg_max_old_ = kInf;
      pg_min_old_ = -kInf;
      continue;
    }
    pg_max_old_ = pg_max <= 0 ? kInf : pg_max;
    pg_min_old_ = pg_min >= 0 ? -kInf : pg_min;
  }
  return optimal_;
}

double LinearDcdSolver::dual_objective() const {
  double s = 0.5 * (dot(w_.data(), w_.data(), w_.size()) + b_ * b_);
  for (double a : alpha_) s -= a;
  return s;
}

}  // namespace lab
