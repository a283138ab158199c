#pragma once
// Sequential minimal optimisation for the C-SVC dual, following libsvm's Solver (Fan, Chen & Lin
// 2005: second-order working-set selection), without shrinking:
//   minimise 0.5 a^T Q a - sum(a)   subject to 0 <= a_i <= C, sum_i y_i a_i = 0.
// One iteration updates one pair (i, j); max_iter counts these iterations exactly as libsvm
// (and so scikit-learn's SVC(max_iter=...)) does.
#include <cstddef>
#include <vector>

#include "core/models/svm_kernel.hpp"

namespace lab {

class SmoSolver {
 public:
  SmoSolver(const DenseMatrix& X, const std::vector<double>& y_pm1, SvmKernel kernel, double C, double tol,
            size_t cache_bytes);
  // Runs up to `iterations` pair updates. Returns true once the KKT conditions hold within tol.
  bool run(long iterations);
  bool optimal() const { return optimal_; }
  long iterations() const { return iter_; }
  double rho() const;             // decision(x) = sum_i y_i a_i K(x_i, x) - rho
  double dual_objective() const;  // 0.5 a^T Q a - sum(a): falls towards the optimum
  double kkt_gap() const { return gap_; }  // largest KKT violation; below tol means optimal
  const std::vector<double>& alpha() const { return alpha_; }
  // Decision values of the training rows, read from the gradient: no kernel work.
  std::vector<double> training_decisions() const;

 private:
  bool select_working_set(size_t& out_i, size_t& out_j);
  void update_pair(size_t i, size_t j);
  bool at_upper(size_t i) const { return alpha_[i] >= C_; }
  bool at_lower(size_t i) const { return alpha_[i] <= 0; }

  const std::vector<double>& y_;
  double C_, tol_;
  KernelRowCache Q_;
  std::vector<double> alpha_, G_;
  long iter_ = 0;
  bool optimal_ = false;
  double gap_ = 0;
};

}  // namespace lab
