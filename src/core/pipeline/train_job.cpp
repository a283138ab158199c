#include "core/pipeline/train_job.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/data/split.hpp"
#include "core/eval/metrics.hpp"
#include "core/math/det_math.hpp"
#include "core/pipeline/predictor.hpp"

namespace lab {

namespace {
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

  SplitIndices split;
  if (task_.task == Task::Regression) {
    std::vector<double> one_group(labels.size(), 0.0);  // a plain seeded split
    split = stratified_split(one_group, req_.test_fraction, req_.seed);
  } else {
    split = stratified_split(labels, req_.test_fraction, req_.seed);
  }
  std::vector<size_t> train_rows, test_rows;
  for (size_t i : split.train) train_rows.push_back(kept[i]), y_train_.push_back(labels[i]);
  for (size_t i : split.test) test_rows.push_back(kept[i]), y_test_.push_back(labels[i]);

  pipeline_ = FeaturePipeline::fit(data, train_rows, inputs, req_.features);
  X_train_ = pipeline_.transform(data, train_rows);
  X_test_ = pipeline_.transform(data, test_rows);
  learner_ = info.make(params_);
  learner_->begin(X_train_, y_train_, X_test_, y_test_, TaskInfo{task_.task, task_.n_classes(), req_.seed});
}

StepReport TrainJob::step() { return learner_->step(); }

TrainResult TrainJob::evaluate() const {
  DenseMatrix P = learner_->predict(X_test_);
  TrainResult r;
  r.task = task_.task;
  r.train_rows = y_train_.size();
  r.test_rows = y_test_.size();
  const double nan = std::nan("");
  const size_t n = y_test_.size();
  if (task_.task == Task::Binary) {
    r.accuracy = accuracy(y_test_, P.data);
    r.roc_auc = roc_auc(y_test_, P.data);
    r.log_loss = log_loss(y_test_, P.data);
    r.rmse = r.mae = r.r2 = nan;
    r.metrics = {{"accuracy", r.accuracy}, {"roc_auc", r.roc_auc}, {"log_loss", r.log_loss}};
  } else if (task_.task == Task::Multiclass) {
    // Simple local versions; the full metrics module (macro/weighted variants) comes separately.
    size_t right = 0;
    double loss = 0;
    for (size_t i = 0; i < n; ++i) {
      const double* p = P.row(i);
      size_t best = 0;
      for (size_t k = 1; k < P.cols; ++k)
        if (p[k] > p[best]) best = k;
      right += double(best) == y_test_[i];
      double py = std::min(1.0 - 1e-15, std::max(1e-15, p[size_t(y_test_[i])]));
      loss -= det::log(py);
    }
    r.accuracy = double(right) / double(n);
    r.log_loss = loss / double(n);
    r.roc_auc = r.rmse = r.mae = r.r2 = nan;
    r.metrics = {{"accuracy", r.accuracy}, {"log_loss", r.log_loss}};
  } else {
    double se = 0, ae = 0, mean = 0, ss = 0;
    for (size_t i = 0; i < n; ++i) mean += y_test_[i];
    mean /= double(n);
    for (size_t i = 0; i < n; ++i) {
      double e = P.data[i] - y_test_[i];
      se += e * e;
      ae += std::fabs(e);
      ss += (y_test_[i] - mean) * (y_test_[i] - mean);
    }
    r.rmse = std::sqrt(se / double(n));
    r.mae = ae / double(n);
    r.r2 = ss > 0 ? 1.0 - se / ss : nan;
    r.accuracy = r.roc_auc = r.log_loss = nan;
    r.metrics = {{"rmse", r.rmse}, {"mae", r.mae}, {"r2", r.r2}};
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
