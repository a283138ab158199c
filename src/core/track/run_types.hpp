#pragma once
// MLflow's tracking entities as the lab records them.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lab {

enum class RunStatus { Running = 1, Scheduled = 2, Finished = 3, Failed = 4, Killed = 5 };  // MLflow's ints
const char* to_string(RunStatus s);

struct MetricPoint {
  int64_t timestamp = 0;
  double value = 0;
  int64_t step = 0;
};

// Parses MLflow's status names (RUNNING, FINISHED, ...); throws std::invalid_argument otherwise.
RunStatus run_status_from_string(const std::string& s);

// Which lifecycle stages a listing returns, as MLflow's ViewType.
enum class ViewType { ActiveOnly = 1, DeletedOnly = 2, All = 3 };
ViewType view_type_from_string(const std::string& s);  // "active_only" | "deleted_only" | "all"
bool view_includes(ViewType v, const std::string& lifecycle_stage);

struct RunInfo {
  std::string run_id, experiment_id, run_name, user_id, lifecycle_stage = "active", artifact_uri;
  RunStatus status = RunStatus::Running;
  int64_t start_time = 0;
  int64_t end_time = -1;      // -1 = not ended (null in meta.yaml)
  int64_t deleted_time = -1;  // -1 = not deleted (null in meta.yaml)
};

struct Experiment {
  std::string experiment_id, name, artifact_location, lifecycle_stage = "active";
  int64_t creation_time = 0, last_update_time = 0;
  std::map<std::string, std::string> tags;
};

// MLflow's Dataset entity: which data a run used, identified by name + content digest.
struct Dataset {
  std::string name, digest, source_type, source, schema, profile;
};
struct DatasetInput {
  Dataset dataset;
  std::map<std::string, std::string> tags;  // e.g. mlflow.data.context = training
};

struct Run {
  RunInfo info;
  std::map<std::string, std::string> params, tags;
  std::map<std::string, std::vector<MetricPoint>> metrics;  // full history, in logged order
  std::vector<DatasetInput> inputs;

  const MetricPoint* latest(const std::string& key) const;  // highest step, then latest time
};

// MLflow's rules for metric/param/tag keys (they become file names in the FileStore).
// Throws std::invalid_argument saying what is wrong.
void validate_key(const std::string& kind, const std::string& key);
inline constexpr size_t kMaxKeyLength = 250;
inline constexpr size_t kMaxParamValueLength = 6000;
inline constexpr size_t kMaxTagValueLength = 8000;
inline constexpr size_t kMaxExperimentNameLength = 500;
inline constexpr size_t kMaxMetricsPerBatch = 1000;
inline constexpr size_t kMaxParamsTagsPerBatch = 100;
inline constexpr size_t kMaxEntitiesPerBatch = 1000;

// One log_batch request, as MLflow's LogBatch: metrics append, params are immutable, tags overwrite.
struct LoggedMetric {
  std::string key;
  double value = 0;
  int64_t timestamp = 0;
  int64_t step = 0;
};
struct LogBatch {
  std::vector<LoggedMetric> metrics;
  std::vector<std::pair<std::string, std::string>> params, tags;
};
// Checks MLflow's batch limits, keys and value lengths before anything is written.
void validate_batch(const LogBatch& batch);
void validate_param_value(const std::string& key, const std::string& value);
void validate_tag_value(const std::string& key, const std::string& value);
// Non-empty, at most 500 characters, no line breaks or control characters.
void validate_experiment_name(const std::string& name);

// Well-known tags MLflow's UI reads.
inline constexpr const char* kTagRunName = "mlflow.runName";
inline constexpr const char* kTagUser = "mlflow.user";
inline constexpr const char* kTagSourceName = "mlflow.source.name";
inline constexpr const char* kTagSourceType = "mlflow.source.type";
inline constexpr const char* kTagNote = "mlflow.note.content";
inline constexpr const char* kTagDataContext = "mlflow.data.context";

}  // namespace lab
