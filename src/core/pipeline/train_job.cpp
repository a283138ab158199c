#include "core/pipeline/train_job.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/data/split.hpp"
#include "core/eval/classification_metrics.hpp"
#include "core/eval/metrics.hpp"
#include "core/eval/multiclass_metrics.hpp"
#include "core/eval/regression_metrics.hpp"
#include "core/math/det_math.hpp"
#include "core/pipeline/predictor.hpp"

namespace lab {

namespace {
// Mixed into the run's seed for the validation split, so it is not the test split's shuffle again.
constexpr uint64_t kValidationSeedSalt = 0x76616c6964617465ull;  // "validate"

std::string algos_for(Task task) {
  std::string list;
  for (const auto& l : learners())
    for (Task t : l.tasks)
      if (t == task) list += (list.empty() ? "" : ", ") + l.algo;
  return list.empty() ? "none yet" : list;
}
}  // namespace

TrainJob::TrainJob(const Table& data, TrainRequest req) : req_(std::move(req)) {
  const LearnerInfo& info = learner_info(req_.algo);
  params_ = resolve_params(info.params(), req_.params);
  const Column* target = data.target();
  if (!target) throw std::invalid_argument("the dataset has no target column; mark one column as the target");
  target_name_ = target->name;
  task_ = detect_target_task(*target, req_.task);
  bool supported = false;
  for (Task t : info.tasks) supported = supported || t == task_.task;
  if (!supported)
    throw std::invalid_argument(req_.algo + " does not do " + to_string(task_.task) + " (target '" + target_name_ +
                                "'); algorithms for " + to_string(task_.task) + ": " + algos_for(task_.task));

  // Rows without a target value cannot teach anything: leave them out.
  std::vector<size_t> kept;
  std::vector<double> labels;
  for (size_t r = 0; r < data.rows(); ++r) {
    double y = task_.label_of(target->values[r]);
    if (std::isnan(y)) continue;
    kept.push_back(r);
    labels.push_back(y);
  }
  dropped_rows_ = data.rows() - kept.size();
  std::vector<std::string> inputs;
  for (const Column* c : data.features()) inputs.push_back(c->name);
  if (inputs.empty()) throw std::invalid_argument("the dataset has no feature columns");

  // Classes keep their shares in every part; regression targets form one group (a plain seeded split).
  auto groups = [&](const std::vector<double>& y) {
    return task_.task == Task::Regression ? std::vector<double>(y.size(), 0.0) : y;
  };
  SplitIndices split = stratified_split(groups(labels), req_.test_fraction, req_.seed);
  std::vector<size_t> train_rows, test_rows;
  std::vector<double> y_train;
  for (size_t i : split.train) train_rows.push_back(kept[i]), y_train.push_back(labels[i]);
  for (size_t i : split.test) test_rows.push_back(kept[i]), y_test_.push_back(labels[i]);

  // The feature pipeline learns from the training rows only (the validation rows are training rows).
  pipeline_ = FeaturePipeline::fit(data, train_rows, inputs, req_.features);
  X_test_ = pipeline_.transform(data, test_rows);
  test_rows_ = std::move(test_rows);
  learner_ = info.make(params_);
  const double validation_fraction = learner_->validation_fraction();
  if (validation_fraction > 0) {
    // A learner that steers on validation rows (early stopping) gets them cut from the training
    // rows, so nothing about the test rows shapes the model and its test metrics stay honest.
    SplitIndices held = stratified_split(groups(y_train), validation_fraction, req_.seed ^ kValidationSeedSalt);
    std::vector<size_t> fit_rows, val_rows;
    for (size_t i : held.train) fit_rows.push_back(train_rows[i]), y_train_.push_back(y_train[i]);
    for (size_t i : held.test) val_rows.push_back(train_rows[i]), y_val_.push_back(y_train[i]);
    X_train_ = pipeline_.transform(data, fit_rows);
    X_val_ = pipeline_.transform(data, val_rows);
    learner_->begin(X_train_, y_train_, X_val_, y_val_, TaskInfo{task_.task, task_.n_classes(), req_.seed});
  } else {
    // Every training row is fitted; the test rows are only watched for the live loss curve.
    y_train_ = std::move(y_train);
    X_train_ = pipeline_.transform(data, train_rows);
    learner_->begin(X_train_, y_train_, X_test_, y_test_, TaskInfo{task_.task, task_.n_classes(), req_.seed});
  }
}

StepReport TrainJob::step() { return learner_->step(); }

TestPredictions TrainJob::test_predictions() const {
  return {y_test_, learner_->predict(X_test_), task_};
}

TrainResult TrainJob::evaluate() const {
  TrainResult r = score_predictions(test_predictions(), y_train_.size() + y_val_.size());
  r.validation_rows = validation_rows();
  return r;
}

TrainResult score_predictions(const TestPredictions& t, size_t train_rows) {
  const DenseMatrix& P = t.scores;
  const std::vector<double>& y = t.y;
  TrainResult r;
  r.task = t.task.task;
  r.train_rows = train_rows;
  r.test_rows = y.size();
  const double nan = std::nan("");
  r.accuracy = r.roc_auc = r.log_loss = r.rmse = r.mae = r.r2 = nan;
  if (r.task == Task::Binary) {
    r.accuracy = accuracy(y, P.data);
    r.roc_auc = roc_auc(y, P.data);
    r.log_loss = log_loss(y, P.data);
    r.metrics = {{"accuracy", r.accuracy},           {"precision", precision(y, P.data)},
                 {"recall", recall(y, P.data)},       {"f1", f1_score(y, P.data)},
                 {"roc_auc", r.roc_auc},              {"pr_auc", average_precision(y, P.data)},
                 {"log_loss", r.log_loss},            {"brier", brier_score(y, P.data)}};
  } else if (r.task == Task::Multiclass) {
    r.accuracy = multiclass_accuracy(y, P);
    r.log_loss = multiclass_log_loss(y, P);
    r.roc_auc = ovr_macro_roc_auc(y, P);
    AveragedScores macro = macro_scores(y, P), weighted = weighted_scores(y, P);
    r.metrics = {{"accuracy", r.accuracy},   {"macro_precision", macro.precision}, {"macro_recall", macro.recall},
                 {"macro_f1", macro.f1},     {"weighted_f1", weighted.f1},      {"roc_auc_ovr", r.roc_auc},
                 {"log_loss", r.log_loss}};
  } else {
    r.rmse = rmse(y, P.data);
    r.mae = mae(y, P.data);
    r.r2 = r2_score(y, P.data);
    r.metrics = {{"rmse", r.rmse}, {"mae", r.mae}, {"r2", r.r2}, {"mape", mape(y, P.data)}};
  }
  return r;
}

nlohmann::json TrainJob::model_json() const {
  return {{"format", "mlops-lab-model/1"},
          {"features", pipeline_.input_names()},
          {"target", target_name_},
          {"task", to_string(task_.task)},
          {"classes", task_.class_names},
          {"pipeline", pipeline_.to_json()},
          {"model", learner_->to_json()}};
}

nlohmann::json TrainJob::predict_records(const nlohmann::json& records) const {
  return predictions_json(task_.task, task_.class_names, learner_->predict(pipeline_.transform_records(records)));
}

}  // namespace lab
