#include "core/tune/fold_fit.hpp"

#include <cmath>
#include <map>

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

// True when a stratified `fraction` (rounded per class, as stratified_split does) keeps every
// row: the last halving rung asks for nearly all training rows (3996 of 4000), which rounds to
// all of each fold's rows and would leave the split's other side empty.
bool keeps_every_row(const std::vector<double>& groups, double fraction) {
  std::map<double, size_t> counts;
  for (double g : groups) ++counts[g];
  for (const auto& [g, n] : counts)
    if (std::floor(double(n) * fraction + 0.5) < double(n)) return false;
  return true;
}

// A class-stratified subsample with `fraction` of the rows (all of them at 1).
std::vector<size_t> subsample(const TargetTask& task, const std::vector<double>& y, double fraction, uint64_t seed) {
  const std::vector<double> g = groups(task, y);
  if (fraction >= 1.0 || keeps_every_row(g, fraction)) return all_rows(y.size());
  return stratified_split(g, fraction, seed).test;
}

}  // namespace

FoldFitter::FoldFitter(const CvFold& fold, const TargetTask& task, const TuneMetric& metric, const FoldFitRequest& req)
    : fold_(fold), task_(task), metric_(metric), learner_(make_learner(req.algo, req.params)) {
  std::vector<size_t> train = subsample(task, fold.y_train, req.fraction, req.subsample_seed);
  held_ = subsample(task, fold.y_test, req.fraction, req.subsample_seed + 1);

  // A learner that early-stops gets its validation rows cut from the fold's training part.
  std::vector<size_t> val;
  if (const double vf = learner_->validation_fraction(); vf > 0) {
    const std::vector<double> y_sub = values_of(fold.y_train, train);
    SplitIndices cut = stratified_split(groups(task, y_sub), vf, req.seed ^ kFoldValidationSalt);
    std::vector<size_t> fit;
    for (size_t i : cut.train) fit.push_back(train[i]);
    for (size_t i : cut.test) val.push_back(train[i]);
    train = std::move(fit);
  }
  X_ = rows_of(fold.X_train, train);
  X_val_ = rows_of(fold.X_train, val);
  y_ = values_of(fold.y_train, train);
  y_val_ = values_of(fold.y_train, val);
  fitted_rows_ = y_.size() + y_val_.size();
  learner_->begin(X_, y_, X_val_, y_val_, TaskInfo{task.task, task.n_classes(), req.seed});
}

FoldFitter::~FoldFitter() = default;

bool FoldFitter::done() const { return learner_->done(); }

void FoldFitter::step() { learner_->step(); }

void FoldFitter::step_part() { learner_->step_part(); }

double FoldFitter::score() const {
  TestPredictions p{values_of(fold_.y_test, held_), learner_->predict(rows_of(fold_.X_test, held_)), task_};
  const TrainResult scored = score_predictions(p, fitted_rows_);
  for (const auto& [name, value] : scored.metrics)
    if (name == metric_.name) return value;
  return std::nan("");
}

double fit_fold(const CvFold& fold, const TargetTask& task, const TuneMetric& metric, const FoldFitRequest& req,
                const std::atomic<bool>& cancel) {
  FoldFitter fit(fold, task, metric, req);
  while (!fit.done()) {
    if (cancel.load()) throw FoldFitCancelled{};
    fit.step();
  }
  return fit.score();
}

}  // namespace lab
