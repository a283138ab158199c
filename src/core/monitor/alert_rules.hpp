#pragma once
// Alert rules on a monitored endpoint and the alerts they raise. A rule watches one metric per
// window of the simulated clock (a day):
//   accuracy        below X, over the last N labelled requests whose outcome had arrived by then
//   rmse            above X, the same for regression models
//   drift_share     at or above Y: the share of input columns that drifted that day against the
//                   model's training data (Evidently's default tests)
//   latency_p99_ms  above Z milliseconds that day
//   invalid_share   above W: the share of that day's requests the contract rejected (422)
// An alert is one episode: it fires on the first window the rule is breached after one it was
// not, and resolves on the next window it is not. Evaluating the same history twice finds the same
// alerts (keyed by rule and first window), so alerts are derived afresh as data arrives and
// merged into the stored history without duplicates; acknowledged alerts keep their mark.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace lab {

struct AlertRule {
  std::string id;      // "rule-1", given by the store of rules
  std::string metric;  // one of alert_metrics()
  double threshold = 0;
  int64_t last_n = 200;  // accuracy / rmse: how many of the latest labelled requests count

  bool breached(double value) const;  // accuracy: value < threshold; drift_share: >=; others: >
  std::string describe() const;       // "accuracy below 0.7 over the last 200 labelled requests"
  nlohmann::json to_json() const;
  // Checks everything a person could get wrong, naming the field and what would be right.
  static AlertRule from_json(const nlohmann::json& j);
};

// The metrics a rule can watch, with one line each saying what they measure.
const std::vector<std::pair<std::string, std::string>>& alert_metrics();

// A metric's value at the end of one window; nullopt when it cannot be computed there (no
// labelled requests yet, no scored requests, a drift report that could not run).
struct WindowValue {
  int window = 0;       // 1-based, as monitor.windows numbers days
  int64_t end_ms = 0;   // when the window closes on the simulated clock
  std::optional<double> value;
};

struct Alert {
  std::string id;  // "<rule id>@<first window>": the same episode always gets the same id
  std::string rule_id, metric, rule;  // rule: the rule's description when it fired
  double threshold = 0;
  int window = 0;           // first window breached
  int64_t time_ms = 0;      // the end of that window (simulated clock)
  double value = 0;         // the metric there
  double worst = 0;         // the furthest past the threshold during the episode
  std::optional<int> resolved_window;  // the first window back within the rule; nullopt: still firing
  bool acknowledged = false;
  int64_t acknowledged_ms = 0;  // wall clock of the acknowledgement
  std::string message() const;  // one sentence for people
  nlohmann::json to_json() const;
  static Alert from_json(const nlohmann::json& j);
};

// The episodes of `rule` over the points (in window order). Windows without a value neither
// start nor end an episode.
std::vector<Alert> evaluate_rule(const AlertRule& rule, const std::vector<WindowValue>& points);

// Merges freshly derived alerts into the stored history: an episode already stored keeps its
// acknowledgement and takes the new end and worst value; new episodes are appended; stored
// alerts of rules since removed stay as they were. Returns the ids that are new.
std::vector<std::string> merge_alerts(std::vector<Alert>& history, const std::vector<Alert>& derived);

}  // namespace lab
