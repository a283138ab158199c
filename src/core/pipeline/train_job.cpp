#include "core/pipeline/train_job.hpp"

#include <cmath>
#include <stdexcept>

#include "core/data/split.hpp"
#include "core/eval/metrics.hpp"

namespace lab {

namespace {
DenseMatrix gather(const std::vector<const Column*>& cols, const std::vector<size_t>& rows) {
  DenseMatrix X(rows.size(), cols.size());
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < cols.size(); ++j) X.at(i, j) = cols[j]->values[rows[i]];
  return X;
}
}  // namespace

TrainJob::TrainJob(const Table& data, TrainRequest req) : req_(std::move(req)) {
  params_ = resolve_params(param_specs_for(req_.algo), req_.params);
  const Column* target = data.target();
  if (!target) throw std::invalid_argument("the dataset has no target column; mark one column as the target");
  target_name_ = target->name;
  for (double v : target->values)
    if (!(v == 0.0 || v == 1.0))
      throw std::invalid_argument("target '" + target_name_ + "' must hold only 0 and 1 for this learner");
  auto features = data.features();
  if (features.empty()) throw std::invalid_argument("the dataset has no feature columns");
  for (const Column* c : features) {
    if (c->type != ColumnType::Numeric)
      throw std::invalid_argument("column '" + c->name + "' is categorical; this slice trains on numeric columns only");
    for (double v : c->values)
      if (!std::isfinite(v))
        throw std::invalid_argument("column '" + c->name + "' has missing or infinite values; impute them first");
    feature_names_.push_back(c->name);
  }
  SplitIndices split = stratified_split(target->values, req_.test_fraction, req_.seed);
  X_train_ = gather(features, split.train);
  X_test_ = gather(features, split.test);
  for (size_t i : split.train) y_train_.push_back(target->values[i]);
  for (size_t i : split.test) y_test_.push_back(target->values[i]);
  scaler_ = Standardizer::fit(X_train_);
  scaler_.apply(X_train_);
  scaler_.apply(X_test_);
  learner_ = learner_info(req_.algo).make(params_);
  learner_->begin(X_train_, y_train_, X_test_, y_test_, TaskInfo{Task::Binary, 2, req_.seed});
}

StepReport TrainJob::step() { return learner_->step(); }

TrainResult TrainJob::evaluate() const {
  auto p = learner_->predict(X_test_).data;
  TrainResult r;
  r.accuracy = accuracy(y_test_, p);
  r.roc_auc = roc_auc(y_test_, p);
  r.log_loss = log_loss(y_test_, p);
  r.train_rows = y_train_.size();
  r.test_rows = y_test_.size();
  return r;
}

nlohmann::json TrainJob::model_json() const {
  return {{"features", feature_names_},
          {"target", target_name_},
          {"pipeline", {{"standardize", scaler_.to_json()}}},
          {"model", learner_->to_json()}};
}

}  // namespace lab
