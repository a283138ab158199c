#pragma once
// Input checks shared by the learners, with messages written for workshop participants.
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/models/learner.hpp"

namespace lab {

inline void check_training_shape(const DenseMatrix& X, const std::vector<double>& y) {
  if (X.rows == 0) throw std::invalid_argument("there are no training rows");
  if (X.rows != y.size())
    throw std::invalid_argument("the feature table has " + std::to_string(X.rows) + " rows but the target has " +
                                std::to_string(y.size()));
}

// Classification labels must be 0 .. n_classes-1. Returns the number of classes.
inline int check_class_labels(const std::vector<double>& y, const TaskInfo& task, const std::string& learner) {
  if (task.task == Task::Regression)
    throw std::invalid_argument(learner + " here predicts classes; for a numeric target use ridge regression");
  const int k = task.task == Task::Binary ? 2 : task.n_classes;
  if (k < 2) throw std::invalid_argument("the target needs at least two classes");
  for (double v : y)
    if (!(v >= 0 && v < k && v == std::floor(v)))
      throw std::invalid_argument("class labels must be whole numbers 0 .. " + std::to_string(k - 1) + ", found " +
                                  std::to_string(v));
  return k;
}

inline void check_feature_count(const DenseMatrix& X, size_t expected) {
  if (X.cols != expected)
    throw std::invalid_argument("model expects " + std::to_string(expected) + " features, got " +
                                std::to_string(X.cols));
}

}  // namespace lab
