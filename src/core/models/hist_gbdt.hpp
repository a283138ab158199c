#pragma once
// Histogram gradient boosting (as XGBoost's tree_method="hist" / LightGBM): one round per step(),
// each tree fitted to the gradients of the loss (binary log loss, squared error, or for k classes
// softmax cross-entropy with one tree per class per round, as XGBoost's multi:softprob) of the
// ensemble so far, on 255 quantile bins per feature computed once from the training data.
// Supports shrinkage, depth or leaf limits, min child weight, L2 on leaf values, seeded row and
// column subsampling, and early stopping on validation rows held out from the training rows
// (validation_fraction of them, cut by the caller; see Learner::validation_fraction).
#include <memory>

#include "core/math/rng.hpp"
#include "core/models/histogram_binning.hpp"
#include "core/models/histogram_tree_grower.hpp"
#include "core/models/learner.hpp"
#include "core/models/log_sum.hpp"
#include "core/models/param_table.hpp"
#include "core/models/row_parts.hpp"
#include "core/models/tree_model.hpp"
#include "core/models/tree_step_parts.hpp"

namespace lab {

struct HistGbdtParams {
  int n_estimators = 100;
  double learning_rate = 0.3;
  int max_depth = 6, max_leaves = 0;
  double min_child_weight = 1.0, reg_lambda = 1.0;
  double subsample = 1.0, colsample = 1.0;
  int early_stopping_rounds = 0;
  double validation_fraction = 0.1;
};

class HistGBDT : public Learner {
  enum class Stage { Bin, Transpose, Gradients, Tree, Grow, PredictTrain, PredictValidation, ValidationLoss };

 public:
  static const ParamTable<HistGbdtParams>& params_table();
  static const std::vector<ParamSpec>& param_specs() { return params_table().specs(); }
  explicit HistGBDT(const nlohmann::json& resolved_params);

  std::string algo() const override { return "hist_gbdt"; }
  void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
             const std::vector<double>& y_val, const TaskInfo& task) override;
  // validation_fraction when early stopping is on (as scikit-learn's HistGradientBoosting), else 0.
  double validation_fraction() const override { return p_.early_stopping_rounds > 0 ? p_.validation_fraction : 0.0; }
  // One round per step, in parts of bounded work at a million rows (step_part): binning (first
  // step), each tree's nodes, its predictions, the loss and gradient pass, the validation loss.
  StepReport step() override;
  std::optional<StepReport> step_part() override;
  bool done() const override { return done_; }
  double progress() const override;
  // Binary: P(class 1); Multiclass: n x k probabilities; Regression: value.
  DenseMatrix predict(const DenseMatrix& X) const override;
  // log-odds or value; multiclass: k x n class-major scores (class c's rows together).
  std::vector<double> predict_raw(const DenseMatrix& X) const;
  nlohmann::json to_json() const override;
  static HistGBDT from_json(const nlohmann::json& j);

  const std::vector<FlatTree>& trees() const { return trees_; }
  double base_score() const { return base_; }
  Task task() const { return task_.task; }
  size_t trees_per_round() const { return n_out_; }  // tree t feeds class t % trees_per_round()
  int best_iteration() const { return best_iter_; }  // rounds kept after early stopping
  int rounds() const { return int(trees_.size() / n_out_); }

 private:
  // A loss summed over rows in parts: the parts add in row order, so any cut gives the same bits.
  struct LossSum {
    double sum = 0;
    LogSum logs;
  };
  // Rows [from, to) of the loss of class-major scores raw, and with gh the gradients/hessians of
  // the next trees for them.
  void add_loss(const std::vector<double>& y, const std::vector<double>& raw, size_t from, size_t to, LossSum& acc,
                GradPair* gh) const;
  double mean_of(LossSum& acc, size_t rows) const;
  double mean_loss(const std::vector<double>& y, const std::vector<double>& raw) const;
  size_t loss_visits_per_row() const;
  void start_loss_pass(Stage stage, size_t rows);
  void start_tree();
  StepReport finish_round(double train_loss, double val_loss);
  void finish();

  HistGbdtParams p_;
  BoostTreeParams tree_params_;  // the tree-shaping part of p_, as the grower takes it
  TaskInfo task_;
  size_t n_features_ = 0;
  size_t n_out_ = 1;  // trees per round: the class count for multiclass, else 1
  double base_ = 0;  // starting raw score: log-odds of the class-1 rate, or the target mean
  std::vector<FlatTree> trees_;
  int best_iter_ = 0;
  bool done_ = false;

  // Training state, alive between begin() and done().
  const DenseMatrix *X_ = nullptr, *X_val_ = nullptr;
  const std::vector<double>*y_ = nullptr, *y_val_ = nullptr;
  std::unique_ptr<Rng> rng_;
  FeatureBinner binner_;
  std::vector<uint8_t> bins_, bin_columns_;
  std::unique_ptr<HistogramTreeGrower> grower_;
  std::vector<double> raw_train_, raw_val_;
  std::vector<GradPair> gh_;
  double best_val_ = 0;
  // Where the step's parts are, kept between them.
  Stage stage_ = Stage::Bin;
  ColumnBinning binning_;
  RowParts pass_;
  LossSum loss_;
  double round_train_loss_ = 0;
  size_t tree_class_ = 0;  // the class of the round's tree being grown
  std::vector<uint32_t> tree_rows_;
  std::vector<int> tree_features_;
  ChunkedPredictions predicting_;
};

}  // namespace lab
