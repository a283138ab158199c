#include "core/pipeline/train_job.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/data/split.hpp"
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

const char* to_string(TrainPhase p) {
  switch (p) {
    case TrainPhase::Preparing: return "preparing";
    case TrainPhase::Fitting: return "fitting";
    case TrainPhase::Finishing: return "finishing";
    case TrainPhase::Done: return "done";
  }
  return "preparing";
}

TrainJob::TrainJob(const Table& data, TrainRequest req) : data_(data), req_(std::move(req)) { validate_and_split(); }

TrainJob::TrainJob(Table&& data, TrainRequest req)
    : owned_(std::make_unique<Table>(std::move(data))), data_(*owned_), req_(std::move(req)) {
  validate_and_split();
}

void TrainJob::validate_and_split() {
  const LearnerInfo& info = learner_info(req_.algo);
  params_ = resolve_params(info.params(), req_.params);
  const Column* target = data_.target();
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
  for (size_t r = 0; r < data_.rows(); ++r) {
    double y = task_.label_of(target->values[r]);
    if (std::isnan(y)) continue;
    kept.push_back(r);
    labels.push_back(y);
  }
  dropped_rows_ = data_.rows() - kept.size();
  for (const Column* c : data_.features()) inputs_.push_back(c->name);
  if (inputs_.empty()) throw std::invalid_argument("the dataset has no feature columns");
  const nlohmann::json drop = req_.features.is_object() ? req_.features.value("drop", nlohmann::json::array()) : nlohmann::json::array();
  for (const auto& name : inputs_)
    if (!drop.is_array() || std::find(drop.begin(), drop.end(), nlohmann::json(name)) == drop.end()) model_inputs_.push_back(name);

  // Classes keep their shares in every part; regression targets form one group (a plain seeded split).
  auto groups = [&](const std::vector<double>& y) {
    return task_.task == Task::Regression ? std::vector<double>(y.size(), 0.0) : y;
  };
  SplitIndices split = stratified_split(groups(labels), req_.test_fraction, req_.seed);
  std::vector<size_t> train_rows;
  std::vector<double> y_train;
  for (size_t i : split.train) train_rows.push_back(kept[i]), y_train.push_back(labels[i]);
  for (size_t i : split.test) test_rows_.push_back(kept[i]), y_test_.push_back(labels[i]);

  // The learner is made now (its params are checked) to learn whether it wants validation rows;
  // begin() comes at the end of preparation.
  learner_ = info.make(params_);
  const double validation_fraction = learner_->validation_fraction();
  if (validation_fraction > 0) {
    // A learner that steers on validation rows (early stopping) gets them cut from the training
    // rows, so nothing about the test rows shapes the model and its test metrics stay honest.
    SplitIndices held = stratified_split(groups(y_train), validation_fraction, req_.seed ^ kValidationSeedSalt);
    for (size_t i : held.train) fit_rows_.push_back(train_rows[i]), y_train_.push_back(y_train[i]);
    for (size_t i : held.test) val_rows_.push_back(train_rows[i]), y_val_.push_back(y_train[i]);
  } else {
    // Every training row is fitted; the test rows are only watched for the live loss curve.
    fit_rows_ = std::move(train_rows);
    y_train_ = std::move(y_train);
    validate_on_test_ = true;
  }
  // The pipeline is fitted on every training row (the validation rows are training rows), in the
  // order the split listed them, exactly as before the job was cut into units.
  pipeline_rows_ = validate_on_test_ ? fit_rows_ : std::vector<size_t>();
  if (!validate_on_test_)
    for (size_t i : split.train) pipeline_rows_.push_back(kept[i]);
}

std::vector<size_t> TrainJob::training_rows() const {
  std::vector<size_t> rows = fit_rows_;
  rows.insert(rows.end(), val_rows_.begin(), val_rows_.end());
  std::sort(rows.begin(), rows.end());
  return rows;
}

double TrainJob::progress() const {
  if (phase_ == TrainPhase::Preparing) return 0.0;
  if (phase_ == TrainPhase::Fitting) return learner_->progress();
  return 1.0;
}

TrainUnit TrainJob::advance() {
  switch (phase_) {
    case TrainPhase::Preparing: return prepare_unit();
    case TrainPhase::Fitting: {
      // A learner with long steps (a forest's tree at a million rows) does one in several parts;
      // only the part that completes a step reports it.
      std::optional<StepReport> r = learner_->step_part();
      if (!r) return {TrainPhase::Fitting, "fit step " + std::to_string(fit_steps_ + 1) + " (part)", std::nullopt};
      ++fit_steps_;
      if (learner_->done()) phase_ = TrainPhase::Finishing;
      return {TrainPhase::Fitting, "fit step " + std::to_string(r->step), r};
    }
    case TrainPhase::Finishing: return finish_unit();
    case TrainPhase::Done: break;
  }
  throw std::logic_error("the training job has already finished");
}

TrainUnit TrainJob::prepare_unit() {
  // Stage 0: fit the feature pipeline, one column per unit; stage 1: the transforms, one row
  // chunk per unit; stage 2: begin the learner.
  if (prepare_stage_ == 0) {
    if (!fitter_) fitter_ = std::make_unique<FeaturePipelineFitter>(data_, pipeline_rows_, inputs_, req_.features);
    const std::string column = fitter_->done() ? std::string() : fitter_->fit_next();
    if (!fitter_->done()) return {TrainPhase::Preparing, "fit the feature pipeline: " + column, std::nullopt};
    pipeline_ = fitter_->finish();
    fitter_.reset();
    pipeline_rows_ = {};
    // Reserved, not zeroed: the transform units fill the rows chunk by chunk (zeroing 50 MB at a
    // million rows at once faults every page in one unit).
    const size_t width = pipeline_.output_width();
    auto reserve = [width](DenseMatrix& m, size_t rows) {
      m = DenseMatrix();
      m.rows = rows, m.cols = width;
      m.data.reserve(rows * width);
    };
    reserve(X_train_, fit_rows_.size());
    reserve(X_val_, val_rows_.size());
    reserve(X_test_, test_rows_.size());
    transforms_ = {{"training", &fit_rows_, &X_train_, 0}, {"validation", &val_rows_, &X_val_, 0},
                   {"test", &test_rows_, &X_test_, 0}};
    prepare_stage_ = 1;
    return {TrainPhase::Preparing, "fit the feature pipeline: " + column, std::nullopt};
  }
  if (prepare_stage_ == 1) {
    while (transform_at_ < transforms_.size() && transforms_[transform_at_].next >= transforms_[transform_at_].rows->size())
      ++transform_at_;
    if (transform_at_ < transforms_.size()) {
      ChunkedRows& c = transforms_[transform_at_];
      const size_t from = c.next, to = std::min(c.rows->size(), from + kRowChunk);
      std::vector<size_t> chunk(c.rows->begin() + std::ptrdiff_t(from), c.rows->begin() + std::ptrdiff_t(to));
      DenseMatrix part = pipeline_.transform(data_, chunk);
      c.into->data.insert(c.into->data.end(), part.data.begin(), part.data.end());  // chunks come in row order
      c.next = to;
      return {TrainPhase::Preparing,
              std::string("transform ") + c.name + " rows " + std::to_string(from) + "-" + std::to_string(to), std::nullopt};
    }
    transforms_.clear();
    prepare_stage_ = 2;
  }
  begin_learner();
  phase_ = learner_->done() ? TrainPhase::Finishing : TrainPhase::Fitting;
  return {TrainPhase::Preparing, "begin the learner (" + req_.algo + ")", std::nullopt};
}

void TrainJob::begin_learner() {
  const TaskInfo info{task_.task, task_.n_classes(), req_.seed};
  if (validate_on_test_) learner_->begin(X_train_, y_train_, X_test_, y_test_, info);
  else learner_->begin(X_train_, y_train_, X_val_, y_val_, info);
}

TrainUnit TrainJob::finish_unit() {
  if (!predictions_) predictions_ = TestPredictions{y_test_, DenseMatrix(), task_};
  if (predict_next_ < X_test_.rows) {
    const size_t from = predict_next_, to = std::min(X_test_.rows, from + kRowChunk);
    DenseMatrix chunk(to - from, X_test_.cols);
    std::copy(X_test_.row(from), X_test_.row(from) + chunk.data.size(), chunk.data.begin());
    DenseMatrix part = learner_->predict(chunk);
    DenseMatrix& scores = predictions_->scores;
    if (scores.rows == 0) scores = DenseMatrix(X_test_.rows, part.cols);
    std::copy(part.data.begin(), part.data.end(), scores.row(from));
    predict_next_ = to;
    return {TrainPhase::Finishing, "predict test rows " + std::to_string(from) + "-" + std::to_string(to), std::nullopt};
  }
  if (!scorer_) scorer_ = std::make_unique<PredictionScorer>(*predictions_, y_train_.size() + y_val_.size());
  const std::string metric = scorer_->score_next();
  if (!scorer_->done()) return {TrainPhase::Finishing, "score the held-out rows: " + metric, std::nullopt};
  result_ = scorer_->take();
  scorer_.reset();
  result_->validation_rows = validation_rows();
  phase_ = TrainPhase::Done;
  return {TrainPhase::Finishing, "score the held-out rows: " + metric, std::nullopt};
}

StepReport TrainJob::step() {
  while (phase_ == TrainPhase::Preparing) advance();
  if (phase_ != TrainPhase::Fitting) return StepReport{};  // a learner that needed no steps
  for (;;)
    if (std::optional<StepReport> r = advance().fit) return *r;
}

const TrainResult& TrainJob::evaluate() {
  while (!finished()) advance();
  return *result_;
}

nlohmann::json TrainJob::model_json() const { return model_document(learner_->to_json()); }

nlohmann::json TrainJob::model_document(nlohmann::json learner_json) const {
  return {{"format", "mlops-lab-model/1"},
          {"features", pipeline_.input_names()},
          {"target", target_name_},
          {"task", to_string(task_.task)},
          {"classes", task_.class_names},
          {"pipeline", pipeline_.to_json()},
          {"model", std::move(learner_json)}};
}

nlohmann::json TrainJob::predict_records(const nlohmann::json& records) const {
  return predictions_json(task_.task, task_.class_names, learner_->predict(pipeline_.transform_records(records)));
}

}  // namespace lab
