#pragma once
// Everything the lab holds for one user: the current dataset version, the training job in
// flight and the tracking store. The dispatcher, the UI panels (read-only) and the CLI use it.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/data/quality.hpp"
#include "core/data/schema.hpp"
#include "core/data/table.hpp"
#include "core/math/rng.hpp"
#include "core/pipeline/model_text.hpp"
#include "core/pipeline/train_job.hpp"
#include "core/track/clock.hpp"
#include "commands/dataset_journal.hpp"
#include "commands/model_hub.hpp"
#include "commands/serving_hub.hpp"
#include "commands/sync/sync_hub.hpp"
#include "commands/train_runner.hpp"
#include "io/file_store.hpp"
#include "io/run_cache.hpp"

namespace lab {

struct DatasetVersion {
  std::string name;    // e.g. "loan", or the imported file's name
  std::string hash;    // content hash, the version id
  std::string source;  // generated | bundled | imported
  std::string process; // the generating process or the data's source, shown to participants
  // How an imported file's bytes were read when not plain UTF-8, e.g. "read as Windows-1252;
  // 3 characters converted" (core/data/text_encoding.hpp); "" otherwise.
  std::string import_note;
  uint64_t seed = 0;
  // The participant's task choice for the target (data.set_task): auto, binary, multiclass or
  // regression. Back to auto when the target changes.
  std::string task = "auto";
  Table table;
  Schema schema;       // inferred once per version
};

enum class TrainState { Idle, Running, Done, Cancelled, Failed };
const char* to_string(TrainState s);

// What the Train panel shows while a job runs and after it ends.
struct TrainProgress {
  TrainState state = TrainState::Idle;
  std::string run_id, run_name, algo, error;
  std::string phase;  // preparing | fitting | finishing | done (see TrainPhase)
  std::string unit;   // the last unit of work, e.g. "transform training rows 0-16384"
  int step = 0;
  double progress = 0;
  size_t rows_dropped_missing_target = 0;  // rows left out because their target is missing
  std::vector<double> train_loss, val_loss;  // one entry per step, for the live curve
  std::vector<double> steps;                 // the learner's step number of each entry (the curve's x)
  std::optional<TrainResult> result;
};

class Session {
 public:
  Session(std::filesystem::path store_root, const Clock& clock, uint64_t id_seed, std::string user = "participant");

  FileStore& store() { return store_; }
  // Called after every store write, e.g. so the browser can schedule an IndexedDB flush.
  void set_on_store_write(std::function<void()> cb) { on_store_write_ = std::move(cb); }
  // Called after a write of the sync's own files (sync().files_written()) instead of the above,
  // when set: the browser saves just those few files, not the whole store.
  void set_on_sync_write(std::function<void()> cb) { on_sync_write_ = std::move(cb); }
  const FileStore& store() const { return store_; }
  ModelHub& models() { return *models_; }
  const ModelHub& models() const { return *models_; }
  ServingHub& serving() { return *serving_; }
  const ServingHub& serving() const { return *serving_; }
  // Sync with the room's MLflow and the Room's run list (commands/sync/sync_hub.hpp).
  SyncHub& sync() { return *sync_; }
  const SyncHub& sync() const { return *sync_; }
  const std::string& user() const { return user_; }
  const std::optional<DatasetVersion>& dataset() const { return dataset_; }
  const TrainProgress& training() const { return training_; }
  // Paces the training job (per-frame budget, slow motion); see commands/train_runner.hpp.
  TrainRunner& runner() { return runner_; }
  const TrainRunner& runner() const { return runner_; }

  // A workshop dataset by name (core/data/dataset_catalog.hpp): loan, churn, production_hours,
  // iris, wine, breast_cancer. rows and seed apply to the generated ones.
  const DatasetVersion& generate(const std::string& name, int64_t rows, uint64_t seed);
  // Decodes the file's bytes (core/data/text_encoding.hpp) and parses the CSV
  // (core/data/csv_parser.hpp); target may be empty (guessed by name, or none).
  const DatasetVersion& import_csv(const std::string& name, const std::string& text, const std::string& target);
  // Makes `column` the target (the previous target becomes a feature): a new dataset version.
  const DatasetVersion& set_target(const std::string& column);
  // Gives one column a role (feature, target, id, time, ignore; see set_column_role): a new
  // dataset version. Training uses exactly the feature columns.
  const DatasetVersion& set_role(const std::string& column, const std::string& role);
  // The versions of the current dataset, oldest first (kept across reloads).
  const std::vector<DatasetVersionNote>& dataset_versions() const { return dataset_journal_.versions(); }
  // How the current dataset was made, step by step (what a recipe replays; commands/recipe.hpp).
  const DatasetJournal& dataset_journal() const { return dataset_journal_; }
  // Chooses the task for the current target (auto, binary, multiclass, regression); throws
  // std::invalid_argument saying why when the target cannot serve it. Runs use it by default.
  const DatasetVersion& set_task(const std::string& task);
  // The quality checklist of the current version, computed once per version.
  const std::vector<QualityCheck>& quality() const;
  // Starts a run in the store and a job; throws std::invalid_argument for bad requests.
  const TrainProgress& start_training(const TrainRequest& req, const std::string& run_name);
  // The same on data of its own (a retraining job's sample of reference and recent labelled
  // requests), leaving the participant's current dataset as it is. The data is kept beside the
  // job until the next run starts.
  const TrainProgress& start_training_on(DatasetVersion data, const TrainRequest& req, const std::string& run_name);
  // Does one bounded unit of the running job (preparing, one fit step, or finishing: scoring and
  // each artifact) and logs what it produced in one batched write. nullopt when nothing runs.
  // The TrainRunner (commands/train_runner.hpp) decides how many units a frame gets.
  std::optional<TrainUnit> advance_training();
  // Runs units until max_steps fit steps were taken or the run ended. Returns fit steps taken.
  int step_training(int max_steps);
  void cancel_training();

  // Active runs of the selected experiment, newest first; parsed once and refreshed per run
  // as the store changes (see RunCache).
  const std::vector<Run>& runs() const;
  const std::vector<Run>& deleted_runs() const { return run_cache_.deleted(); }
  // A finished run's held-out labels and scores (eval/test_predictions.json), parsed once and kept
  // for the few runs last asked for, so moving Evaluate's threshold rereads nothing. Throws
  // std::invalid_argument when the run has none or they are unreadable.
  const TestPredictions& test_predictions(const std::string& run_id) const;
  size_t test_prediction_reads() const { return prediction_reads_; }  // files parsed so far
  // The number of active runs, without rereading a run whose steps are being logged.
  size_t run_count() const { return run_cache_.active_count(); }
  const RunCache& run_cache() const { return run_cache_; }
  uint64_t store_version() const { return store_version_; }

  // The experiment new runs go to and the Runs panel shows ("0" = Default).
  const std::string& experiment_id() const { return run_cache_.experiment(); }
  void select_experiment(const std::string& experiment_id);  // throws if unknown or deleted
  std::string new_run_id();         // 32 hex chars from the session's seeded id stream
  std::string new_experiment_id();  // 18 digits, as MLflow's FileStore makes them

 private:
  const DatasetVersion& install_dataset(DatasetVersion d);
  // Dataset persistence (dataset_journal.hpp): record a step, or replay the saved ones on start.
  const DatasetVersion& remember(const DatasetVersion& d, const nlohmann::json& step);
  void restore_dataset();
  void require_no_training(const char* action) const;
  const TrainProgress& start_training_with(const DatasetVersion& data, const TrainRequest& req, const std::string& run_name);
  void finish_training(RunStatus status);
  // Params, tags and inputs of a new run (throws on a store failure; start_training ends the run).
  void log_run_start(const TrainProgress& t, const TrainJob& job, const TrainRequest& req);
  void end_run_failed(const std::string& run_id, const std::string& reason);
  TrainUnit save_unit();
  // Writes an artifact a piece per unit: the first piece of a path creates it, the rest append.
  void save_piece(const std::string& rel_path, const std::string& piece);

  FileStore store_;
  Rng ids_;
  std::string user_;
  std::optional<DatasetVersion> dataset_;
  mutable std::string quality_hash_;
  mutable std::vector<QualityCheck> quality_;
  std::unique_ptr<TrainJob> job_;
  // The data the running (or last) job trains on: the current dataset, or job_data_.
  const DatasetVersion* train_data_ = nullptr;
  std::optional<DatasetVersion> job_data_;
  TrainProgress training_;
  int finish_stage_ = 0;  // which artifact save_unit() writes next
  std::unique_ptr<ModelTextWriter> model_text_;  // the model's text while its pieces are written
  std::unique_ptr<JsonTextWriter> predictions_text_;  // eval/test_predictions.json, likewise
  size_t csv_next_ = 0;  // the next row of predictions.csv to write
  std::string piece_path_;  // the artifact save_piece() is appending to
  TrainRunner runner_{*this};
  mutable std::vector<std::pair<std::string, std::shared_ptr<const TestPredictions>>> predictions_;  // newest last
  mutable size_t prediction_reads_ = 0;
  RunCache run_cache_{store_};
  uint64_t store_version_ = 1;
  std::function<void()> on_store_write_, on_sync_write_;
  std::unique_ptr<ModelHub> models_;  // after store_: it reads runs from it
  std::unique_ptr<ServingHub> serving_;
  std::unique_ptr<SyncHub> sync_;
  DatasetJournal dataset_journal_;
  bool replaying_datasets_ = false;
};

}  // namespace lab
