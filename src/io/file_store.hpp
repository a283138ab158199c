#pragma once
// The tracking store in MLflow's FileStore layout (mlruns/). In the browser the root sits on
// IDBFS; natively it is a plain folder, so CLI runs and tab runs are the same format.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/track/clock.hpp"
#include "core/track/run_types.hpp"

namespace lab {

class FileStore {
 public:
  // `artifact_root_uri` is how artifact paths are written in meta.yaml (e.g. file:///lab/mlruns).
  FileStore(std::filesystem::path root, const Clock& clock);

  const std::filesystem::path& root() const { return root_; }
  // Called after every write, so the platform can schedule a flush (IDBFS) or ignore it.
  void set_on_write(std::function<void()> cb) { on_write_ = std::move(cb); }

  void ensure_default_experiment();
  // run_id: 32 lowercase hex chars, made by the caller from its injected randomness.
  void create_run(const std::string& experiment_id, const std::string& run_id, const std::string& run_name,
                  const std::string& user_id);
  void log_param(const std::string& run_id, const std::string& key, const std::string& value);
  void log_metric(const std::string& run_id, const std::string& key, double value, int64_t step);
  void set_tag(const std::string& run_id, const std::string& key, const std::string& value);
  void write_artifact(const std::string& run_id, const std::string& rel_path, const std::string& content);
  void end_run(const std::string& run_id, RunStatus status);

  std::vector<RunInfo> list_runs(const std::string& experiment_id) const;  // newest first
  Run get_run(const std::string& run_id) const;  // throws std::invalid_argument if unknown
  std::string read_artifact(const std::string& run_id, const std::string& rel_path) const;

 private:
  std::filesystem::path run_dir(const std::string& run_id) const;
  RunInfo read_info(const std::filesystem::path& dir) const;
  void write_info(const RunInfo& info);
  void touched() const;

  std::filesystem::path root_;
  const Clock& clock_;
  std::function<void()> on_write_;
};

}  // namespace lab
