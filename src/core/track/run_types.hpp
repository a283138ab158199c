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

struct RunInfo {
  std::string run_id, experiment_id, run_name, user_id, lifecycle_stage = "active", artifact_uri;
  RunStatus status = RunStatus::Running;
  int64_t start_time = 0;
  int64_t end_time = -1;  // -1 = not ended (null in meta.yaml)
};

struct Run {
  RunInfo info;
  std::map<std::string, std::string> params, tags;
  std::map<std::string, std::vector<MetricPoint>> metrics;  // full history, in logged order

  const MetricPoint* latest(const std::string& key) const;  // highest step, then latest time
};

// MLflow's rules for metric/param/tag keys (they become file names in the FileStore).
// Throws std::invalid_argument saying what is wrong.
void validate_key(const std::string& kind, const std::string& key);
inline constexpr size_t kMaxKeyLength = 250;
inline constexpr size_t kMaxParamValueLength = 6000;
inline constexpr size_t kMaxTagValueLength = 8000;

}  // namespace lab
