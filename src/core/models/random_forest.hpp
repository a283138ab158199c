#pragma once
// Random forest (Breiman): many CART trees, each grown on a bootstrap sample of the rows with a
// random subset of features tried at every split; predictions are the trees' average (class
// probabilities or values). One tree per step(), done in parts of bounded work by step_part(). Splits are searched over 255-bin histograms of
// each feature (fit once per forest), which is what makes it fast on large data.
#include <cstdint>
#include <memory>
#include <optional>

#include "core/math/rng.hpp"
#include "core/models/histogram_binning.hpp"
#include "core/models/learner.hpp"
#include "core/models/tree_learner_common.hpp"
#include "core/models/tree_model.hpp"
#include "core/models/tree_step_parts.hpp"

namespace lab {

struct RandomForestParams {
  int n_estimators = 100;
  TreeSplitParams split;
  std::string max_features = "auto";
  std::string bootstrap = "true";
};

class RandomForest : public Learner {
 public:
  static const ParamTable<RandomForestParams>& params_table();
  static const std::vector<ParamSpec>& param_specs() { return params_table().specs(); }
  explicit RandomForest(const nlohmann::json& resolved_params);

  std::string algo() const override { return "random_forest"; }
  void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
             const std::vector<double>& y_val, const TaskInfo& task) override;
  StepReport step() override;
  std::optional<StepReport> step_part() override;
  bool done() const override { return done_; }
  double progress() const override;
  DenseMatrix predict(const DenseMatrix& X) const override;
  nlohmann::json to_json() const override;
  JsonList json_list() const override { return {"trees", trees_.size()}; }
  nlohmann::json json_list_item(size_t i) const override { return trees_.at(i).to_json(); }
  nlohmann::json to_json_without_list() const override;
  static RandomForest from_json(const nlohmann::json& j);

  const std::vector<FlatTree>& trees() const { return trees_; }

 private:
  size_t n_outputs() const { return task_.task == Task::Regression ? 1 : size_t(task_.n_classes); }
  StepReport finish_tree();

  RandomForestParams p_;
  TaskInfo task_;
  size_t n_features_ = 0;
  std::vector<FlatTree> trees_;
  bool done_ = false;

  // Training state, alive between begin() and done().
  const DenseMatrix *X_ = nullptr, *X_val_ = nullptr;
  const std::vector<double>*y_ = nullptr, *y_val_ = nullptr;
  std::unique_ptr<Rng> rng_;
  ColumnBinning binning_;
  enum class Stage { Bin, Bootstrap, Grow, PredictTrain, PredictValidation };
  Stage stage_ = Stage::Bin;
  RowParts draws_;                        // the bootstrap's draws, in runs
  std::vector<uint32_t> draw_counts_;     // how often each row was drawn so far
  std::optional<CartTreeGrower> grower_;  // the tree being grown
  ChunkedPredictions predicting_;         // its predictions being added to the sums
  std::vector<double> train_sum_, val_sum_;  // sum of tree outputs so far, rows x n_outputs
};

}  // namespace lab
