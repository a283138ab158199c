#pragma once
// A single CART decision tree (classification: gini or entropy; regression: squared error),
// grown in one step, done in parts of bounded work by step_part(). Split points are searched
// over at most 255 bins per feature (exact midpoints when a feature has no more distinct values
// than that, as scikit-learn's).
#include <memory>
#include <optional>

#include "core/models/learner.hpp"
#include "core/models/tree_learner_common.hpp"
#include "core/models/tree_model.hpp"
#include "core/models/tree_step_parts.hpp"

namespace lab {

struct DecisionTreeParams {
  TreeSplitParams split;
  std::string max_features = "all";
};

class DecisionTree : public Learner {
 public:
  static const ParamTable<DecisionTreeParams>& params_table();
  static const std::vector<ParamSpec>& param_specs() { return params_table().specs(); }
  explicit DecisionTree(const nlohmann::json& resolved_params);

  std::string algo() const override { return "decision_tree"; }
  void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
             const std::vector<double>& y_val, const TaskInfo& task) override;
  StepReport step() override;
  std::optional<StepReport> step_part() override;
  bool done() const override { return done_; }
  double progress() const override { return done_ ? 1.0 : 0.0; }
  DenseMatrix predict(const DenseMatrix& X) const override;
  nlohmann::json to_json() const override;
  static DecisionTree from_json(const nlohmann::json& j);

  const FlatTree& tree() const { return tree_; }

 private:
  std::vector<double> raw_predict(const DenseMatrix& X) const;  // rows x n_outputs

  DecisionTreeParams p_;
  TaskInfo task_;
  size_t n_features_ = 0;
  FlatTree tree_;
  bool done_ = false;
  const DenseMatrix *X_ = nullptr, *X_val_ = nullptr;
  const std::vector<double>*y_ = nullptr, *y_val_ = nullptr;
  // The step's work between parts (step_part): binning, the growing tree, its predictions.
  ColumnBinning binning_;
  std::unique_ptr<Rng> rng_;
  std::optional<CartTreeGrower> grower_;
  ChunkedPredictions predicting_;
  bool predicting_train_ = false;  // else the validation rows
  std::vector<double> train_out_, val_out_;
};

}  // namespace lab
