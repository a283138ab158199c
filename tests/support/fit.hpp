#pragma once
// Test helper: train a learner to the end the way the CLI does, collecting its step reports.
#include <vector>

#include "core/models/learner.hpp"

namespace labtest {

inline std::vector<lab::StepReport> fit_to_end(lab::Learner& m, const lab::DenseMatrix& X, const std::vector<double>& y,
                                               lab::TaskInfo task, const lab::DenseMatrix& X_val = {},
                                               const std::vector<double>& y_val = {}) {
  m.begin(X, y, X_val, y_val, task);
  std::vector<lab::StepReport> reports;
  while (!m.done()) reports.push_back(m.step());
  return reports;
}

inline lab::TaskInfo binary() { return {lab::Task::Binary, 2, 0}; }
inline lab::TaskInfo multiclass(int k) { return {lab::Task::Multiclass, k, 0}; }
inline lab::TaskInfo regression() { return {lab::Task::Regression, 0, 0}; }

}  // namespace labtest
