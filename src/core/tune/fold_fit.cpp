#include "core/tune/fold_fit.hpp"

#include <cmath>

#include "core/data/split.hpp"
#include "core/models/learner_registry.hpp"
#include "core/pipeline/train_job.hpp"

namespace lab {

namespace {

// Salt for the early-stopping validation cut inside a fold, so it is not the subsample's shuffle.
constexpr uint64_t kFoldValidationSalt = 0x666f6c6476616cull;  // "foldval"

std::vector<double> groups(const TargetTask& task, const std::vector<double>& y) {
  return task.task == Task::Regression ? std::vector<double>(y.size(), 0.0) : y;
}

DenseMatrix rows_of(const DenseMatrix& X, const std::vector<size_t>& rows) {
  DenseMatrix out(rows.size(), X.cols);
  for (size_t i = 0; i < rows.size(); ++i) std::copy(X.row(rows[i]), X.row(rows[i]) + X.cols, out.row(i));
  return out;
}

std::vector<double> values_of(const std::vector<double>& y, const std::vector<size_t>& rows) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (size_t r : rows) out.push_back(y[r]);
  return out;
}

std::vector<size_t> all_rows(size_t n) {
  std::vector<size_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

// A class-stratified subsample with `fraction` of the rows (all of them at 1).
std::vector<size_t> subsample(const TargetTask& task, const std::vector<double>& y, double fraction, uint64_t seed) {
  if (fraction >= 1.0) return all_rows(y.size());
  return stratified_split(groups(task, y), fraction, seed).test;
}

}  // namespace

double fit_fold(const CvFold& fold, const TargetTask& task, const TuneMetric& metric, const FoldFitRequest& req,
                const std::atomic<bool>& cancel) {
  std::unique_ptr<Learner> learner = make_learner(req.algo, req.params);
  std::vector<size_t> train = subsample(task, fold.y_train, req.fraction, req.subsample_seed);
  const std::vector<size_t> held = subsample(task, fold.y_test, req.fraction, req.subsample_seed + 1);

  // A learner that early-stops gets its validation rows cut from the fold's training part.
  std::vector<size_t> val;
  if (const double vf = learner->validation_fraction(); vf > 0) {
    const std::vector<double> y_sub = values_of(fold.y_train, train);
    SplitIndices cut = stratified_split(groups(task, y_sub), vf, req.seed ^ kFoldValidationSalt);
    std::vector<size_t> fit;
    for (size_t i : cut.train) fit.push_back(train[i]);
    for (size_t i : cut.test) val.push_back(train[i]);
    train = std::move(fit);
  }
  const DenseMatrix X = rows_of(fold.X_train, train), X_val = rows_of(fold.X_train, val);
  const std::vector<double> y = values_of(fold.y_train, train), y_val = values_of(fold.y_train, val);
  learner->begin(X, y, X_val, y_val, TaskInfo{task.task, task.n_classes(), req.seed});
  while (!learner->done()) {
    if (cancel.load()) throw FoldFitCancelled{};
    learner->step();
  }
  TestPredictions p{values_of(fold.y_test, held), learner->predict(rows_of(fold.X_test, held)), task};
  const TrainResult scored = score_predictions(p, y.size() + y_val.size());
  for (const auto& [name, value] : scored.metrics)
    if (name == metric.name) return value;
  return std::nan("");
}

}  // namespace lab
