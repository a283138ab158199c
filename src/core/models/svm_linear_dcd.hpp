#pragma once
// Linear SVM by dual coordinate descent (Hsieh, Chang, Lin, Keerthi & Sundararajan 2008, the
// algorithm of liblinear and so of scikit-learn's LinearSVC), hinge loss (liblinear's L1-loss
// dual), with the bias learned as the weight of a constant feature 1 (LinearSVC's
// intercept_scaling=1, so the bias is regularised too):
//   minimise 0.5 a^T Q a - sum(a)   subject to 0 <= a_i <= C,   Q_ij = y_i y_j (x_i.x_j + 1),
// keeping w = sum_i y_i a_i (x_i, 1) up to date, so one coordinate update costs O(features)
// instead of SMO's kernel row O(rows x features). Rows whose multiplier sits at a bound and is
// unlikely to move are set aside ("shrinking") and rechecked once the rest has converged.
// One pass = one visit of every active row in a seeded random order; max_iter counts passes
// (as liblinear's and LinearSVC's max_iter do).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/math/rng.hpp"
#include "core/models/matrix.hpp"

namespace lab {

class LinearDcdSolver {
 public:
  // X and y (+1/-1) must outlive the solver.
  LinearDcdSolver(const DenseMatrix& X, const std::vector<double>& y_pm1, double C, double tol, uint64_t seed);
  // Runs up to `passes` passes. Returns true once the projected gradients of all rows lie within
  // tol of each other (liblinear's stopping rule).
  bool run(long passes);
  long passes() const { return passes_; }
  bool optimal() const { return optimal_; }
  double gap() const { return gap_; }  // max - min projected gradient of the last pass
  const std::vector<double>& weights() const { return w_; }  // one per feature
  double bias() const { return b_; }
  const std::vector<double>& alpha() const { return alpha_; }
  double decision(const double* x) const;  // w.x + b
  double dual_objective() const;           // 0.5 |w|^2 + 0.5 b^2 - sum(a)

 private:
  const DenseMatrix& X_;
  const std::vector<double>& y_;
  double C_, tol_;
  Rng rng_;
  std::vector<double> alpha_, qd_, w_;
  double b_ = 0;
  std::vector<size_t> active_;
  size_t n_active_ = 0;
  double pg_max_old_, pg_min_old_;
  long passes_ = 0;
  bool optimal_ = false;
  double gap_ = 0;
};

}  // namespace lab
