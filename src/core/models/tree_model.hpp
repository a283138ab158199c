#pragma once
// A trained decision tree as flat arrays, shared by the decision tree, the random forest and
// gradient boosting. The two children of a split sit next to each other (left, left + 1), so a
// traversal step is a compare and an add with no unpredictable branch:
//     i = left[i] + (x[feature[i]] > threshold[i])
// Missing values (NaN) compare false and go left, as they fall in bin 0 during training.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace lab {

struct TreeNode {
  int32_t feature = -1;  // -1: a leaf
  int32_t left = 0;      // split: index of the left child (right = left + 1); leaf: index of its outputs
  double threshold = 0;  // go left when x[feature] <= threshold
};

class FlatTree {
 public:
  explicit FlatTree(int n_outputs = 1) : n_outputs_(n_outputs) { nodes_.emplace_back(); }

  int n_outputs() const { return n_outputs_; }
  size_t n_nodes() const { return nodes_.size(); }
  size_t n_leaves() const { return values_.size() / size_t(n_outputs_); }
  int depth() const;

  // Building: turn node into a split whose two children are appended; returns the left child's index.
  int32_t split(int32_t node, int32_t feature, double threshold);
  void make_leaf(int32_t node, const double* outputs);
  // How much training weight reached a node (rows for CART, hessian sum for boosting, as
  // scikit-learn's weighted_n_node_samples and XGBoost's cover): TreeSHAP's path-dependent
  // expectations need it. Models saved before it was recorded have none (has_cover() false).
  void set_cover(int32_t node, double weight);
  bool has_cover() const { return !cover_.empty() && cover_.size() == nodes_.size(); }
  double cover(size_t node) const { return cover_[node]; }
  const TreeNode& node(size_t i) const { return nodes_[i]; }
  const double* outputs_of_leaf(const TreeNode& leaf) const { return values_.data() + size_t(leaf.left) * size_t(n_outputs_); }

  // The outputs of the leaf that row x falls into (n_outputs values).
  const double* leaf_outputs(const double* x) const {
    const TreeNode* nd = nodes_.data();
    int32_t i = 0;
    while (nd[i].feature >= 0) i = nd[i].left + int32_t(x[nd[i].feature] > nd[i].threshold);
    return values_.data() + size_t(nd[i].left) * size_t(n_outputs_);
  }
  // Adds scale * (leaf outputs) of every row of the row-major X (rows x cols) into out (rows x n_outputs).
  void add_predictions(const double* X, size_t rows, size_t cols, double scale, double* out) const;
  // Largest feature index used + 1 (0 for a single leaf): checks a model matches its input.
  int features_needed() const;

  nlohmann::json to_json() const;
  static FlatTree from_json(const nlohmann::json& j);

 private:
  int n_outputs_ = 1;
  std::vector<TreeNode> nodes_;
  std::vector<double> values_;
  std::vector<double> cover_;  // per node; empty when unknown
};

}  // namespace lab
