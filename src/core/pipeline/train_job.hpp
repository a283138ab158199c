#pragma once
// One training run from a dataset: detect the task from the target, split, fit the feature
// pipeline on the training part, step the learner, score the held-out part. Pure core: the
// caller logs what it reports. A learner that early-stops gets its validation rows cut from the
// training part (Learner::validation_fraction); the test rows never steer a fit.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/data/table.hpp"
#include "core/data/target_task.hpp"
#include "core/features/feature_pipeline.hpp"
#include "core/models/learner.hpp"
#include "core/models/learner_registry.hpp"

namespace lab {

struct TrainRequest {
  std::string algo = "logistic_regression";
  nlohmann::json params = nlohmann::json::object();  // as given; resolved against the ParamSpecs
  double test_fraction = 0.2;
  uint64_t seed = 42;
  std::string task = "auto";  // auto | binary | multiclass | regression (see core/data/target_task.hpp)
  // The feature pipeline spec (core/features/feature_pipeline.hpp); {} is the default:
  // median / most-frequent imputation, standardized numbers, one-hot categories.
  nlohmann::json features = nlohmann::json::object();
};

struct TrainResult {
  Task task = Task::Binary;
  // Binary: accuracy, roc_auc, log_loss. Multiclass: accuracy, log_loss (roc_auc NaN).
  // Regression: rmse, mae, r2 (the classification fields NaN).
  double accuracy = 0, roc_auc = 0, log_loss = 0;
  double rmse = 0, mae = 0, r2 = 0;
  size_t train_rows = 0, test_rows = 0;
  // Of train_rows, how many were held out as the learner's validation set (early stopping).
  size_t validation_rows = 0;
  // The metrics that apply to the task, by name, in a stable order: what the run logs.
  std::vector<std::pair<std::string, double>> metrics;
};

// The held-out labels and the model's scores for them (TrainJob's learner output layout):
// what the Evaluate module recomputes metrics, curves and thresholds from.
struct TestPredictions {
  std::vector<double> y;
  DenseMatrix scores;
  TargetTask task;
};

// Every metric that applies to the task (binary: accuracy, precision, recall, f1, roc_auc,
// pr_auc, log_loss, brier at threshold 0.5; multiclass: accuracy, macro/weighted scores,
// one-vs-rest AUC, log_loss; regression: rmse, mae, r2, mape).
TrainResult score_predictions(const TestPredictions& t, size_t train_rows);

class TrainJob {
 public:
  // Validates everything up front; throws std::invalid_argument with a user-facing message.
  TrainJob(const Table& data, TrainRequest req);

  StepReport step();
  bool done() const { return learner_->done(); }
  double progress() const { return learner_->progress(); }
  // Scores the test split; call once done() (or to score a cancelled model as it stands).
  TrainResult evaluate() const;
  TestPredictions test_predictions() const;

  const nlohmann::json& resolved_params() const { return params_; }
  const std::vector<std::string>& feature_names() const { return pipeline_.input_names(); }
  std::string target_name() const { return target_name_; }
  const TargetTask& target_task() const { return task_; }
  size_t dropped_rows() const { return dropped_rows_; }  // rows without a target value
  // The table rows held out for testing (ascending), and how many training rows the learner held
  // out as its validation set.
  const std::vector<size_t>& test_rows() const { return test_rows_; }
  size_t validation_rows() const { return y_val_.size(); }
  // The model and the fitted feature pipeline it needs, as one JSON document (loads in Predictor).
  nlohmann::json model_json() const;
  // Predictions for raw records (one JSON object or a list), as Predictor::predict_records.
  nlohmann::json predict_records(const nlohmann::json& records) const;

 private:
  TrainRequest req_;
  nlohmann::json params_;
  std::string target_name_;
  TargetTask task_;
  size_t dropped_rows_ = 0;
  FeaturePipeline pipeline_;
  std::vector<size_t> test_rows_;
  DenseMatrix X_train_, X_val_, X_test_;  // X_train_: the rows the learner fits on
  std::vector<double> y_train_, y_val_, y_test_;
  std::unique_ptr<Learner> learner_;
};

}  // namespace lab
