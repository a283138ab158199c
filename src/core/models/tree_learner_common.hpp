#pragma once
// Checks and scores shared by the tree learners (decision tree, random forest, boosting).
#include <string>
#include <vector>

#include "core/models/learner.hpp"
#include "core/models/log_sum.hpp"
#include "core/models/param_table.hpp"
#include "core/models/tree_cart_builder.hpp"

namespace lab {

// Throws std::invalid_argument when the training data cannot be used for `task`: no rows,
// X and y of different lengths, or class labels that are not whole numbers 0..n_classes-1.
void check_tree_training_data(const std::string& learner, const DenseMatrix& X, const std::vector<double>& y,
                              const DenseMatrix& X_val, const std::vector<double>& y_val, const TaskInfo& task);

void check_feature_count(const std::string& learner, size_t expected, const DenseMatrix& X);

// Mean loss of row-major predictions pred (rows x k, scaled by `scale`): classification log loss
// on class probabilities (clipped to [1e-15, 1 - 1e-15] as scikit-learn does), regression MSE.
double mean_tree_loss(Task task, const std::vector<double>& y, const std::vector<double>& pred, size_t k,
                      double scale);

// Learner output from n x k class probabilities: Binary keeps the class-1 column.
DenseMatrix tree_output(Task task, std::vector<double> pred, size_t rows, size_t k);

Task task_from_string(const std::string& s);

// The split settings the decision tree and the random forest share, declared once.
struct TreeSplitParams {
  std::string criterion = "gini";
  int max_depth = 0;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
};
const ParamTable<TreeSplitParams>& tree_split_params_table();

// The CART builder's settings for this task and feature count; max_features as the learner names it.
CartParams cart_params(const TreeSplitParams& split, const std::string& max_features, size_t n_features, Task task);

}  // namespace lab
