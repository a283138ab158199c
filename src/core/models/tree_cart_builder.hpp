#pragma once
// Grows one CART tree (classification: gini or entropy; regression: squared error) on binned
// features, depth first, as scikit-learn's DecisionTree/RandomForest do. Used by DecisionTree
// (all rows, all features) and RandomForest (bootstrap rows, a random feature subset per node).
#include <cstdint>
#include <memory>
#include <vector>

#include "core/math/rng.hpp"
#include "core/models/histogram_binning.hpp"
#include "core/models/learner.hpp"
#include "core/models/tree_model.hpp"

namespace lab {

enum class SplitCriterion { Gini, Entropy, SquaredError };

struct CartParams {
  SplitCriterion criterion = SplitCriterion::Gini;
  int max_depth = 0;  // 0: grow until leaves are pure or too small
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  int max_features = 0;  // features tried per split; 0: all
};

// The training data in the form the builder reads: column-major bins and the targets.
struct CartData {
  const FeatureBinner* binner = nullptr;
  const uint8_t* bins_by_column = nullptr;  // n_features x n_rows
  size_t n_rows = 0, n_features = 0;
  Task task = Task::Binary;
  int n_classes = 2;
  const std::vector<double>* y = nullptr;  // class index (as double) or regression target
};

// rows: the training rows to use, ascending; a row listed twice counts twice (bootstrap).
// Leaves hold class probabilities (n_classes outputs) or the mean target (1 output).
// rng picks the feature order per node; with max_features = 0 and no ties it does not matter.
FlatTree grow_cart_tree(const CartData& data, const CartParams& params, std::vector<uint32_t> rows, Rng& rng);

// The same tree grown a bounded amount of work per call, so one tree at a million rows does not
// hold a frame up: grow(work) splits nodes (one feature's histogram at a time) until about
// `work` row visits were spent. However the work is cut, the tree is the one grow_cart_tree
// makes. The data's buffers and `rng` must outlive the grower; `data` and `params` are copied.
class CartBuilder;
class CartTreeGrower {
 public:
  CartTreeGrower(const CartData& data, const CartParams& params, std::vector<uint32_t> rows, Rng& rng);
  ~CartTreeGrower();
  CartTreeGrower(CartTreeGrower&&) noexcept;
  CartTreeGrower& operator=(CartTreeGrower&&) noexcept;
  bool grow(size_t work);  // returns done()
  bool done() const;
  FlatTree take();  // after done()

 private:
  std::unique_ptr<CartBuilder> builder_;
};

// "all", "sqrt", "log2" (and "auto": sqrt for classification, all for regression) as a count.
int resolve_max_features(const std::string& choice, size_t n_features, Task task);

}  // namespace lab

namespace lab {
// Classification uses the chosen "gini" or "entropy"; regression always uses squared error.
SplitCriterion criterion_for(const std::string& name, Task task);
}  // namespace lab
