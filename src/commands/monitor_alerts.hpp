#pragma once
// Alert rules of monitored endpoints and the alerts they raised, kept beside the request log
// (alert_rules.json, alerts.json in the endpoint's folder, so they survive reloads). Rules are
// evaluated per day of the simulated clock whenever data arrives (a simulation, ground truth,
// a rule change) and when the alerts are read; each day's metric comes from the log itself
// (core/monitor/alert_rules.hpp says what each metric measures).
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands/dispatcher.hpp"
#include "core/monitor/alert_rules.hpp"

namespace lab {

class MonitorHub;
class Session;

class MonitorAlerts {
 public:
  MonitorAlerts(Session& s, MonitorHub& hub) : s_(s), hub_(hub) {}

  // An endpoint never given rules watches the workshop's defaults: accuracy below 0.7 over the
  // last 200 labelled requests (classification), p99 latency above 100 ms, 422 share above 0.05
  // (no drift rule: see default_rules in the .cpp).
  std::vector<AlertRule> rules(const std::string& endpoint);
  AlertRule add_rule(const std::string& endpoint, const nlohmann::json& rule);
  void remove_rule(const std::string& endpoint, const std::string& rule_id);

  // Derives the alerts from the whole log and stores what changed; returns the new ones.
  std::vector<Alert> evaluate(const std::string& endpoint);
  std::vector<Alert> history(const std::string& endpoint);  // stored alerts, oldest first
  // Marks an alert (or, with all, every unacknowledged one) as seen; it stays in the history.
  int acknowledge(const std::string& endpoint, const std::string& alert_id, bool all);

  // Each day's value of a metric, as the rules see it (for the commands and the panel).
  std::vector<WindowValue> points(const std::string& endpoint, const AlertRule& rule);

 private:
  void save_rules(const std::string& endpoint, const std::vector<AlertRule>& rules, int next_id);
  void save_history(const std::string& endpoint, const std::vector<Alert>& alerts);
  Session& s_;
  MonitorHub& hub_;
};

// monitor.rules, monitor.rule.add, monitor.rule.remove, monitor.alerts, monitor.alert.ack.
void register_alert_commands(Dispatcher& d, std::shared_ptr<MonitorAlerts> alerts);
nlohmann::json alerts_json(const std::vector<Alert>& alerts);

}  // namespace lab
