#pragma once
// Histogram gradient boosting (as XGBoost's tree_method="hist" / LightGBM): trees are added one
// per step(), each fitted to the gradients of the loss (binary log loss or squared error) of the
// ensemble so far, on 255 quantile bins per feature computed once from the training data.
// Supports shrinkage, depth or leaf limits, min child weight, L2 on leaf values, seeded row and
// column subsampling, and early stopping on validation rows held out from the training rows
// (validation_fraction of them, cut by the caller; see Learner::validation_fraction).
#include <memory>

#include "core/math/rng.hpp"
#include "core/models/histogram_binning.hpp"
#include "core/models/histogram_tree_grower.hpp"
#include "core/models/learner.hpp"
#include "core/models/tree_model.hpp"

namespace lab {

class HistGBDT : public Learner {
 public:
  static const std::vector<ParamSpec>& param_specs();
  explicit HistGBDT(const nlohmann::json& resolved_params);

  std::string algo() const override { return "hist_gbdt"; }
  void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
             const std::vector<double>& y_val, const TaskInfo& task) override;
  // validation_fraction when early stopping is on (as scikit-learn's HistGradientBoosting), else 0.
  double validation_fraction() const override { return early_stopping_rounds_ > 0 ? validation_fraction_ : 0.0; }
  StepReport step() override;
  bool done() const override { return done_; }
  double progress() const override;
  DenseMatrix predict(const DenseMatrix& X) const override;  // Binary: P(class 1); Regression: value
  std::vector<double> predict_raw(const DenseMatrix& X) const;  // log-odds or value
  nlohmann::json to_json() const override;
  static HistGBDT from_json(const nlohmann::json& j);

  const std::vector<FlatTree>& trees() const { return trees_; }
  double base_score() const { return base_; }
  int best_iteration() const { return best_iter_; }  // trees kept after early stopping

 private:
  double mean_loss(const std::vector<double>& y, const std::vector<double>& raw) const;
  // Mean training loss of raw_train_, and the gradients/hessians of the next tree, in one pass.
  double train_loss_and_gradients();
  void finish();

  nlohmann::json params_;
  BoostTreeParams tree_params_;
  int n_estimators_ = 100, early_stopping_rounds_ = 0;
  double subsample_ = 1.0, colsample_ = 1.0, validation_fraction_ = 0.1;
  TaskInfo task_;
  size_t n_features_ = 0;
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
};

}  // namespace lab
