#pragma once
// One training run from a dataset: split, fit the feature pipeline on the training part,
// step the learner, score the held-out part. Pure core: the caller logs what it reports.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/data/table.hpp"
#include "core/features/standardizer.hpp"
#include "core/models/learner.hpp"
#include "core/models/learner_registry.hpp"

namespace lab {

struct TrainRequest {
  std::string algo = "logistic_regression";
  nlohmann::json params = nlohmann::json::object();  // as given; resolved against the ParamSpecs
  double test_fraction = 0.2;
  uint64_t seed = 42;
};

struct TrainResult {
  double accuracy = 0, roc_auc = 0, log_loss = 0;
  size_t train_rows = 0, test_rows = 0;
};

class TrainJob {
 public:
  // Validates everything up front; throws std::invalid_argument with a user-facing message.
  TrainJob(const Table& data, TrainRequest req);

  StepReport step();
  bool done() const { return learner_->done(); }
  double progress() const { return learner_->progress(); }
  // Scores the test split; call once done() (or to score a cancelled model as it stands).
  TrainResult evaluate() const;

  const nlohmann::json& resolved_params() const { return params_; }
  const std::vector<std::string>& feature_names() const { return feature_names_; }
  std::string target_name() const { return target_name_; }
  // The model and the fitted feature pipeline it needs, as one JSON document.
  nlohmann::json model_json() const;

 private:
  TrainRequest req_;
  nlohmann::json params_;
  std::vector<std::string> feature_names_;
  std::string target_name_;
  Standardizer scaler_;
  DenseMatrix X_train_, X_test_;
  std::vector<double> y_train_, y_test_;
  std::unique_ptr<Learner> learner_;
};

}  // namespace lab
