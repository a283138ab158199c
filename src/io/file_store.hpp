#pragma once
// The tracking store in MLflow's FileStore layout (mlruns/). In the browser the root sits on
// IDBFS; natively it is a plain folder, so CLI runs and tab runs are the same format.
// Layout and rules follow mlflow/store/tracking/file_store.py (see shared/reference/MLFLOW.md 4).
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/track/clock.hpp"
#include "core/track/run_types.hpp"

namespace lab {

// What a write touched, so caches can refresh just that run. Empty run_id: experiment-level
// change (created, renamed, deleted, restored, imported): refresh everything.
struct StoreChange {
  std::string experiment_id, run_id;
  // The run's files changed (params, metrics, tags, artifacts, status) but not whether it exists
  // or is deleted, so lists of runs keep their members (the status bar's run count).
  bool content_only = false;
};

class FileStore {
 public:
  FileStore(std::filesystem::path root, const Clock& clock);

  const std::filesystem::path& root() const { return root_; }
  int64_t now_ms() const { return clock_.now_ms(); }
  // Called after every write, so the platform can schedule a flush (IDBFS) or ignore it.
  void set_on_write(std::function<void()> cb) { on_write_ = std::move(cb); }
  // Called after every write with what changed (for incremental caches).
  void set_on_change(std::function<void(const StoreChange&)> cb) { on_change_ = std::move(cb); }
  // Tells listeners that files changed behind the store's back (e.g. an archive import).
  void notify_external_change() const { touched({}); }

  // Writes made while a WriteGroup lives reach the listeners once, when it ends (nested groups
  // join the outermost one): a run start or a training step is one batched write for the caches
  // and the browser's IndexedDB flush, however many files it touches.
  class WriteGroup {
   public:
    explicit WriteGroup(const FileStore& store) : store_(store) { ++store_.group_depth_; }
    ~WriteGroup() { store_.end_group(); }
    WriteGroup(const WriteGroup&) = delete;
    WriteGroup& operator=(const WriteGroup&) = delete;

   private:
    const FileStore& store_;
  };
  WriteGroup group_writes() const { return WriteGroup(*this); }

  // --- experiments -------------------------------------------------------------------------
  void ensure_default_experiment();
  // `experiment_id` is made by the caller from its injected randomness (18 digits, like MLflow).
  void create_experiment(const std::string& experiment_id, const std::string& name);
  std::vector<Experiment> list_experiments(ViewType view) const;  // by creation time
  Experiment get_experiment(const std::string& experiment_id) const;  // active or deleted
  // Active first, as MLflow's get-by-name prefers the active experiment.
  std::optional<Experiment> find_experiment_by_name(const std::string& name) const;
  void rename_experiment(const std::string& experiment_id, const std::string& new_name);
  void delete_experiment(const std::string& experiment_id);   // moves the folder to .trash/
  void restore_experiment(const std::string& experiment_id);  // moves it back
  void set_experiment_tag(const std::string& experiment_id, const std::string& key, const std::string& value);

  // --- runs ----------------------------------------------------------------------------------
  // run_id: 32 lowercase hex chars, made by the caller from its injected randomness.
  void create_run(const std::string& experiment_id, const std::string& run_id, const std::string& run_name,
                  const std::string& user_id, std::optional<int64_t> start_time = std::nullopt);
  void log_param(const std::string& run_id, const std::string& key, const std::string& value);
  void log_metric(const std::string& run_id, const std::string& key, double value, int64_t step);
  void set_tag(const std::string& run_id, const std::string& key, const std::string& value);
  void delete_tag(const std::string& run_id, const std::string& key);
  // Validates the whole batch first (limits, keys, param immutability), then writes.
  void log_batch(const std::string& run_id, const LogBatch& batch);
  // Writes datasets/<md5(name+digest)>/meta.yaml in the experiment and
  // inputs/<md5(dataset_id+run_id)>/meta.yaml in the run, as MLflow's log_inputs does.
  void log_inputs(const std::string& run_id, const std::vector<DatasetInput>& inputs);
  void write_artifact(const std::string& run_id, const std::string& rel_path, const std::string& content);
  // Adds content to the end of an artifact (created when missing): a large artifact is written a
  // piece per unit of work, write_artifact's first piece then append_artifact's, the same bytes.
  void append_artifact(const std::string& run_id, const std::string& rel_path, const std::string& content);
  void end_run(const std::string& run_id, RunStatus status, std::optional<int64_t> end_time = std::nullopt);
  void rename_run(const std::string& run_id, const std::string& new_name);  // meta.yaml + mlflow.runName
  void set_note(const std::string& run_id, const std::string& markdown);    // mlflow.note.content
  void delete_run(const std::string& run_id);   // lifecycle_stage: deleted + deleted_time; files stay
  void restore_run(const std::string& run_id);

  std::vector<RunInfo> list_runs(const std::string& experiment_id, ViewType view = ViewType::ActiveOnly) const;
  Run get_run(const std::string& run_id) const;  // throws std::invalid_argument if unknown
  RunInfo get_run_info(const std::string& run_id) const;
  std::string read_artifact(const std::string& run_id, const std::string& rel_path) const;
  // Every artifact file of the run: path relative to its artifacts folder ('/' separators) and
  // size in bytes, sorted by path.
  std::vector<std::pair<std::string, uint64_t>> list_artifact_files(const std::string& run_id) const;

  static std::string dataset_id(const std::string& name, const std::string& digest);
  static std::string input_id(const std::string& dataset_id, const std::string& run_id);

 private:
  std::filesystem::path run_dir(const std::string& run_id) const;
  std::filesystem::path experiment_dir(const std::string& experiment_id) const;  // active or .trash
  std::filesystem::path active_run_dir(const std::string& run_id) const;        // rejects deleted runs
  RunInfo read_info(const std::filesystem::path& dir) const;
  Experiment read_experiment(const std::filesystem::path& dir) const;
  void write_info(const RunInfo& info, const std::filesystem::path& dir);
  void write_experiment(const Experiment& e, const std::filesystem::path& dir);
  void touched(const StoreChange& change) const;
  void end_group() const;
  void run_touched(const std::filesystem::path& run_dir, bool content_only = false) const;

  std::filesystem::path root_;
  const Clock& clock_;
  std::function<void()> on_write_;
  std::function<void(const StoreChange&)> on_change_;
  mutable int group_depth_ = 0;
  mutable std::vector<StoreChange> grouped_;  // changes held back until the group ends
};

bool is_run_id(const std::string& s);

}  // namespace lab
