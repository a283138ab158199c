#pragma once
// One training run from a dataset, as a phase machine of bounded units of work, so a frame-paced
// caller (the app) never waits long on any one of them and a looping caller (the CLI) gets the
// same model: detect the task from the target, split, fit the feature pipeline on the training
// part, transform rows in chunks, step the learner, predict the held-out rows in chunks, score.
// Pure core: the caller logs what it reports. A learner that early-stops gets its validation rows
// cut from the training part (Learner::validation_fraction); the test rows never steer a fit.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data/table.hpp"
#include "core/data/target_task.hpp"
#include "core/features/feature_pipeline.hpp"
#include "core/features/feature_pipeline_fitter.hpp"
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

// The same, a metric (or a group computed together) per call, so scoring 200k held-out rows is
// several units of work; an AUC sorts every row, so it stays one unit (prediction_scoring.cpp).
class PredictionScorer {
 public:
  PredictionScorer(const TestPredictions& t, size_t train_rows);  // t must outlive the scorer
  bool done() const { return next_ >= steps_.size(); }
  const char* score_next();  // returns the name of what it scored
  TrainResult take();        // after done()

 private:
  using Metrics = std::vector<std::pair<std::string, double>>;
  struct Step {
    const char* name;
    std::function<Metrics()> run;
  };
  std::vector<Step> steps_;
  size_t next_ = 0;
  TrainResult result_;
};

// Preparing: split, fit the pipeline, transform rows in chunks, begin the learner.
// Fitting: one learner step per unit, or a part of one (Learner::step_part). Finishing: predict
// the test rows in chunks, then score them a metric per unit.
enum class TrainPhase { Preparing, Fitting, Finishing, Done };
const char* to_string(TrainPhase p);

// What one unit of work did: its phase, a short name ("transform training rows 0-16384",
// "fit step 12", "score"), and for a completed fit step the learner's report.
struct TrainUnit {
  TrainPhase phase = TrainPhase::Preparing;
  std::string what;
  std::optional<StepReport> fit;
};

class TrainJob {
 public:
  // Rows per transform or predict unit: small enough that one unit stays well inside a frame.
  static constexpr size_t kRowChunk = 16384;

  // Validates the request against the data up front and splits the rows (so a bad request or a
  // split that leaves a part empty fails before anything is logged); throws
  // std::invalid_argument with a user-facing message. The heavy work is left to the units.
  // `data` must outlive the job; a temporary table is moved into the job instead.
  TrainJob(const Table& data, TrainRequest req);
  TrainJob(Table&& data, TrainRequest req);
  TrainJob(const TrainJob&) = delete;
  TrainJob& operator=(const TrainJob&) = delete;

  // Does the next unit of work. Call while !finished(). A learner step that throws propagates.
  TrainUnit advance();
  TrainPhase phase() const { return phase_; }
  bool finished() const { return phase_ == TrainPhase::Done; }
  // The learner's progress (0..1) while fitting; 0 before, 1 after.
  double progress() const;

  // Loop-style use (tests, benchmarks): step() advances through preparation to the next fit
  // step and returns it; done() is true once fitting has ended; evaluate() runs what is left.
  StepReport step();
  bool done() const { return phase_ == TrainPhase::Finishing || phase_ == TrainPhase::Done; }
  const TrainResult& evaluate();

  // After finished(): the scores and the test predictions.
  const TrainResult& result() const { return *result_; }
  const TestPredictions& test_predictions() const { return *predictions_; }

  // Known from construction on.
  const nlohmann::json& resolved_params() const { return params_; }
  std::string target_name() const { return target_name_; }
  const TargetTask& target_task() const { return task_; }
  const std::vector<std::string>& input_names() const { return inputs_; }
  size_t dropped_rows() const { return dropped_rows_; }  // rows without a target value
  // The model's input columns (the feature columns less the spec's "drop"); from the fitted
  // pipeline once preparation has fitted it.
  const std::vector<std::string>& feature_names() const {
    return prepare_stage_ > 0 ? pipeline_.input_names() : model_inputs_;
  }
  // The table rows held out for testing (ascending), and how many training rows the learner held
  // out as its validation set.
  const std::vector<size_t>& test_rows() const { return test_rows_; }
  // Every training row (the learner's fit rows and its validation rows), ascending: what a tune
  // cross-validates on (core/tune/), so it never reads the test rows.
  std::vector<size_t> training_rows() const;
  size_t validation_rows() const { return y_val_.size(); }
  // Those validation rows themselves (table rows; empty unless the learner early-stops): what a
  // notebook export marks so Python early-stops on the same rows (core/notebook/).
  const std::vector<size_t>& validation_row_ids() const { return val_rows_; }
  // The model and the fitted feature pipeline it needs, as one JSON document (loads in Predictor).
  nlohmann::json model_json() const;
  // The same document around a given learner document (core/pipeline/model_text.hpp writes a
  // large model's list in parts), and the learner.
  nlohmann::json model_document(nlohmann::json learner_json) const;
  const Learner& learner() const { return *learner_; }
  // Predictions for raw records (one JSON object or a list), as Predictor::predict_records.
  nlohmann::json predict_records(const nlohmann::json& records) const;

 private:
  // One chunked transform: rows of the table into consecutive rows of a matrix.
  struct ChunkedRows {
    const char* name = "";
    const std::vector<size_t>* rows = nullptr;
    DenseMatrix* into = nullptr;
    size_t next = 0;
  };
  TrainUnit prepare_unit();
  TrainUnit finish_unit();
  void validate_and_split();
  void begin_learner();

  std::unique_ptr<Table> owned_;  // set when constructed from a temporary table
  const Table& data_;
  TrainRequest req_;
  nlohmann::json params_;
  std::string target_name_;
  TargetTask task_;
  std::vector<std::string> inputs_, model_inputs_;
  size_t dropped_rows_ = 0;
  TrainPhase phase_ = TrainPhase::Preparing;
  int prepare_stage_ = 0;  // fit the pipeline (a column per unit), transforms, begin
  std::vector<ChunkedRows> transforms_;
  size_t transform_at_ = 0;
  size_t predict_next_ = 0;
  int fit_steps_ = 0;  // learner steps completed
  std::unique_ptr<FeaturePipelineFitter> fitter_;  // while the pipeline is fitted, column by column
  FeaturePipeline pipeline_;
  std::vector<size_t> fit_rows_, val_rows_, test_rows_;
  std::vector<size_t> pipeline_rows_;  // every training row, until the pipeline is fitted
  DenseMatrix X_train_, X_val_, X_test_;  // X_train_: the rows the learner fits on
  std::vector<double> y_train_, y_val_, y_test_;
  bool validate_on_test_ = false;  // no validation rows: the test rows only feed the loss curve
  std::unique_ptr<Learner> learner_;
  std::optional<TestPredictions> predictions_;
  std::unique_ptr<PredictionScorer> scorer_;  // while the held-out rows are scored
  std::optional<TrainResult> result_;
};

}  // namespace lab
