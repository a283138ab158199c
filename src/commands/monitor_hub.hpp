#pragma once
// Monitoring a deployed endpoint: production traffic on a simulated clock sent through the real
// serving path (ServingHub::predict_at: contract, model, request log), delayed ground truth
// joined to logged predictions by request id (kept beside the log in ground_truth.jsonl, so it
// survives reloads), the log summarised per window and version, and drift reports between the
// model's training data or an earlier window and a later one.
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/data/table.hpp"
#include "core/monitor/monitor_windows.hpp"
#include "core/monitor/traffic_simulator.hpp"
#include "core/serve/contract.hpp"

namespace lab {

class Session;

class MonitorHub {
 public:
  explicit MonitorHub(Session& s) : s_(s) {}

  // Sends the simulated requests through the endpoint; the outcomes that arrive within the
  // period are recorded as ground truth. Returns counts, the period's days and the scenario.
  nlohmann::json simulate(const std::string& endpoint, const SimulationSpec& spec);
  // Ground truth for logged requests: all are checked before any is stored (unknown ids,
  // rejected requests and values of the wrong kind get a clear error and nothing is written).
  nlohmann::json record_ground_truth(const std::string& endpoint, const std::vector<std::pair<std::string, nlohmann::json>>& labels);
  // Windows of `window_ms` (a day or an hour of the clock) and the version changes between them.
  nlohmann::json windows(const std::string& endpoint, int64_t window_ms);
  // Drift between a reference (the training data, or days of the log) and days of the log.
  // Days are 1-based window numbers as `windows` gives them (with day windows).
  nlohmann::json drift(const std::string& endpoint, const std::string& reference, int ref_from, int ref_to, int cur_from,
                       int cur_to);

  // What Prometheus would scrape for the endpoint (text format 0.0.4): requests by version and
  // status, the latency histogram, predicted classes, the drift share of the last day against
  // the training data, and accuracy of the last window with ground truth.
  std::string metrics(const std::string& endpoint);

  // The endpoint's log as monitoring reads it (re-read only when the files changed).
  struct LogView {
    std::vector<MonitoredRequest> rows;
    std::vector<nlohmann::json> inputs;  // the features of each row, as logged
    std::vector<int64_t> truth_ms;       // when each row's outcome arrived (simulated clock); 0: not yet
    std::map<std::string, size_t> by_id;
    std::string positive_class;
    int64_t origin_ms = 0;  // the start of the first request's day
    uintmax_t log_bytes = 0, truth_bytes = 0;
    bool classification = true;
  };
  const LogView& view(const std::string& endpoint);
  static constexpr int64_t kDayMs = 86'400'000;
  // A log's first simulation starts on 2026-01-01 00:00 UTC, so a seeded story is reproducible to
  // the millisecond; later ones start on the day after the log's last request.
  static constexpr int64_t kStoryStartMs = 1'767'225'600'000;

  // The data the served version was trained on, rebuilt from the workshop generator (throws
  // std::invalid_argument for imported data); a retraining job's reference.
  Table training_table(const std::string& endpoint);

 private:
  InferenceContract contract_of(const std::string& endpoint);
  Table window_table(const std::string& endpoint, const InferenceContract& c, int from_day, int to_day);
  Session& s_;
  std::map<std::string, LogView> views_;
  std::map<std::string, Table> training_tables_;  // by run id: rebuilt from the generator once
};

}  // namespace lab
