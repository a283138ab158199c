#pragma once
// The request log summarised per window of time (a day of the simulated clock, or an hour) and
// per model version: traffic, the share the contract rejected (422), latency percentiles, what
// the model predicted, and, once ground truth has arrived, how right it was. A window without
// labels says so (labelled = 0 and a reason) rather than showing an accuracy of zero.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace lab {

// One line of the request log, as monitoring reads it.
struct MonitoredRequest {
  std::string request_id;
  int64_t time_ms = 0;
  int version = 0;        // the version that answered (for a rejected request: the one serving then)
  std::string status;     // ok | invalid | failed
  double latency_ms = 0;
  std::string predicted;  // class label, or "" for regression
  std::optional<double> positive_probability;  // binary models
  std::optional<double> predicted_value;       // regression models
  std::optional<std::string> actual_label;     // ground truth, classification
  std::optional<double> actual_value;          // ground truth, regression
};

struct MonitorWindow {
  int64_t index = 0;     // window number since the origin
  int64_t start_ms = 0;
  int version = 0;
  uint64_t requests = 0, ok = 0, invalid = 0, failed = 0;
  double invalid_share = 0;
  double latency_p50_ms = 0, latency_p99_ms = 0;
  std::map<std::string, double> class_shares;  // of scored requests
  std::optional<double> mean_probability, mean_prediction;
  uint64_t labelled = 0;
  std::optional<double> accuracy, auc, rmse;
  std::string no_metrics_reason;  // why accuracy/AUC/RMSE are missing ("" when present)
  nlohmann::json to_json() const;
};

// Windows in time order, one per (window, version) that has requests. `positive_class`: the
// label whose probability `positive_probability` is (binary AUC); "" when not binary.
std::vector<MonitorWindow> aggregate_windows(const std::vector<MonitoredRequest>& log, int64_t origin_ms,
                                             int64_t window_ms, const std::string& positive_class);

// numpy.percentile's default (linear between the two nearest ranks); values need not be sorted.
double percentile_linear(std::vector<double> values, double q);

}  // namespace lab
