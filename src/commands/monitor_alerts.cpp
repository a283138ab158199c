#include "commands/monitor_alerts.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "commands/json_args.hpp"
#include "commands/monitor_hub.hpp"
#include "commands/session.hpp"
#include "io/json_file.hpp"
#include "io/text_file.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace lab {

namespace {

constexpr const char* kRulesFile = "alert_rules.json";
constexpr const char* kAlertsFile = "alerts.json";

// Fewer labelled requests than this (or than the rule's N) give no accuracy: a handful of
// outcomes says little about a model.
constexpr int64_t kMinLabelled = 30;

std::vector<AlertRule> default_rules(bool classification) {
  std::vector<AlertRule> rules;
  auto add = [&](const char* metric, double threshold) {
    AlertRule r;
    r.id = "rule-" + std::to_string(rules.size() + 1);
    r.metric = metric;
    r.threshold = threshold;
    rules.push_back(r);
  };
  // No drift rule by default: a day of a few hundred requests against thousands of training rows
  // crosses Evidently's normed-Wasserstein threshold (0.1) by sampling noise alone, so a default
  // drift rule would fire on stable traffic. Add one where days carry enough traffic.
  if (classification) add("accuracy", 0.7);
  add("latency_p99_ms", 100);
  add("invalid_share", 0.05);
  return rules;
}

}  // namespace

std::vector<AlertRule> MonitorAlerts::rules(const std::string& endpoint) {
  s_.serving().contract(endpoint);  // checks the endpoint exists
  json j = read_json_file(s_.serving().endpoint_dir(endpoint) / kRulesFile);
  if (!j.is_object()) return default_rules(hub_.view(endpoint).classification);
  std::vector<AlertRule> out;
  for (const auto& r : j.value("rules", json::array())) {
    try {
      out.push_back(AlertRule::from_json(r));
    } catch (const std::invalid_argument&) {
      // A rule this version cannot read is skipped, not lost: the file keeps it until rules change.
    }
  }
  return out;
}

void MonitorAlerts::save_rules(const std::string& endpoint, const std::vector<AlertRule>& rules, int next_id) {
  json j = {{"next_id", next_id}, {"rules", json::array()}};
  for (const auto& r : rules) j["rules"].push_back(r.to_json());
  write_text_file(s_.serving().endpoint_dir(endpoint) / kRulesFile, j.dump(2) + "\n");
  s_.serving().notify_written();
}

AlertRule MonitorAlerts::add_rule(const std::string& endpoint, const json& rule) {
  AlertRule r = AlertRule::from_json(rule);
  if (r.metric == "accuracy" && !hub_.view(endpoint).classification)
    throw std::invalid_argument("endpoint '" + endpoint + "' serves a regression model; watch 'rmse' instead of accuracy");
  if (r.metric == "rmse" && hub_.view(endpoint).classification)
    throw std::invalid_argument("endpoint '" + endpoint + "' serves a classifier; watch 'accuracy' instead of rmse");
  std::vector<AlertRule> all = rules(endpoint);
  json stored = read_json_file(s_.serving().endpoint_dir(endpoint) / kRulesFile);
  int next_id = stored.is_object() ? stored.value("next_id", 1) : int(all.size()) + 1;
  r.id = "rule-" + std::to_string(next_id);
  all.push_back(r);
  save_rules(endpoint, all, next_id + 1);
  evaluate(endpoint);
  return r;
}

void MonitorAlerts::remove_rule(const std::string& endpoint, const std::string& rule_id) {
  std::vector<AlertRule> all = rules(endpoint);
  auto it = std::find_if(all.begin(), all.end(), [&](const AlertRule& r) { return r.id == rule_id; });
  if (it == all.end()) {
    std::string known;
    for (const auto& r : all) known += (known.empty() ? "" : ", ") + r.id;
    throw std::invalid_argument("endpoint '" + endpoint + "' has no rule '" + rule_id + "'; its rules are " +
                                (known.empty() ? "none" : known));
  }
  json stored = read_json_file(s_.serving().endpoint_dir(endpoint) / kRulesFile);
  int next_id = stored.is_object() ? stored.value("next_id", 1) : int(all.size()) + 1;
  all.erase(it);
  save_rules(endpoint, all, next_id);  // its alerts stay in the history
}

std::vector<WindowValue> MonitorAlerts::points(const std::string& endpoint, const AlertRule& rule) {
  const MonitorHub::LogView& v = hub_.view(endpoint);
  std::vector<WindowValue> out;
  if (v.rows.empty()) return out;
  const int64_t day = MonitorHub::kDayMs;
  auto day_of = [&](int64_t t) { return int((t - v.origin_ms) / day) + 1; };
  int last_day = 0;
  for (const auto& r : v.rows) last_day = std::max(last_day, day_of(r.time_ms));
  // Rows in time order, so "the last N labelled" means the latest requests.
  std::vector<size_t> order(v.rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v.rows[a].time_ms < v.rows[b].time_ms; });

  for (int d = 1; d <= last_day; ++d) {
    WindowValue p;
    p.window = d;
    p.end_ms = v.origin_ms + int64_t(d) * day;
    if (rule.metric == "accuracy" || rule.metric == "rmse") {
      int64_t n = 0, right = 0;
      double squares = 0;
      for (auto it = order.rbegin(); it != order.rend() && n < rule.last_n; ++it) {
        const MonitoredRequest& r = v.rows[*it];
        if (v.truth_ms[*it] == 0 || v.truth_ms[*it] > p.end_ms || r.time_ms >= p.end_ms) continue;
        if (rule.metric == "accuracy" && r.actual_label) {
          ++n;
          right += r.predicted == *r.actual_label ? 1 : 0;
        } else if (rule.metric == "rmse" && r.actual_value && r.predicted_value) {
          ++n;
          squares += (*r.predicted_value - *r.actual_value) * (*r.predicted_value - *r.actual_value);
        }
      }
      if (n >= std::min(rule.last_n, kMinLabelled))
        p.value = rule.metric == "accuracy" ? double(right) / double(n) : std::sqrt(squares / double(n));
    } else if (rule.metric == "drift_share") {
      try {
        p.value = hub_.drift(endpoint, "training", 0, 0, d, d)["share"].get<double>();
      } catch (const std::invalid_argument&) {
        // A day without scored requests, or a model whose training data cannot be rebuilt.
      }
    } else {
      std::vector<double> latencies;
      uint64_t requests = 0, invalid = 0;
      for (const auto& r : v.rows) {
        if (day_of(r.time_ms) != d) continue;
        ++requests;
        invalid += r.status == "invalid" ? 1 : 0;
        latencies.push_back(r.latency_ms);
      }
      if (requests && rule.metric == "invalid_share") p.value = double(invalid) / double(requests);
      if (requests && rule.metric == "latency_p99_ms") p.value = percentile_linear(latencies, 99);
    }
    out.push_back(p);
  }
  return out;
}

std::vector<Alert> MonitorAlerts::history(const std::string& endpoint) {
  std::vector<Alert> out;
  json j = read_json_file(s_.serving().endpoint_dir(endpoint) / kAlertsFile);
  if (j.is_array())
    for (const auto& a : j) out.push_back(Alert::from_json(a));
  return out;
}

void MonitorAlerts::save_history(const std::string& endpoint, const std::vector<Alert>& alerts) {
  json j = json::array();
  for (const auto& a : alerts) {
    json line = a.to_json();
    line.erase("message");  // derived
    j.push_back(line);
  }
  write_text_file(s_.serving().endpoint_dir(endpoint) / kAlertsFile, j.dump(1) + "\n");
  s_.serving().notify_written();
}

std::vector<Alert> MonitorAlerts::evaluate(const std::string& endpoint) {
  std::vector<AlertRule> rs = rules(endpoint);
  std::vector<Alert> derived;
  for (const auto& r : rs) {
    std::vector<Alert> a = evaluate_rule(r, points(endpoint, r));
    derived.insert(derived.end(), a.begin(), a.end());
  }
  std::vector<Alert> stored = history(endpoint);
  const json before = alerts_json(stored);
  std::vector<std::string> added = merge_alerts(stored, derived);
  if (alerts_json(stored) != before) save_history(endpoint, stored);
  std::vector<Alert> fresh;
  for (const auto& a : stored)
    if (std::find(added.begin(), added.end(), a.id) != added.end()) fresh.push_back(a);
  return fresh;
}

int MonitorAlerts::acknowledge(const std::string& endpoint, const std::string& alert_id, bool all) {
  std::vector<Alert> stored = history(endpoint);
  int marked = 0;
  for (auto& a : stored) {
    if (a.acknowledged || (!all && a.id != alert_id)) continue;
    a.acknowledged = true;
    a.acknowledged_ms = s_.store().now_ms();
    ++marked;
  }
  if (!all && !marked) {
    bool exists = std::any_of(stored.begin(), stored.end(), [&](const Alert& a) { return a.id == alert_id; });
    if (!exists)
      throw std::invalid_argument("endpoint '" + endpoint + "' has no alert '" + alert_id + "'; monitor.alerts lists them");
    return 0;  // already acknowledged: nothing changes
  }
  if (marked) save_history(endpoint, stored);
  return marked;
}

json alerts_json(const std::vector<Alert>& alerts) {
  json out = json::array();
  for (const auto& a : alerts) out.push_back(a.to_json());
  return out;
}

void register_alert_commands(Dispatcher& d, std::shared_ptr<MonitorAlerts> alerts) {
  d.add("monitor.rules", "the alert rules of an endpoint (the workshop's defaults until changed) and the metrics they can watch: {endpoint}",
        [alerts](const json& a) {
          json rules = json::array();
          for (const auto& r : alerts->rules(args::str(a, "endpoint", "loan-api"))) rules.push_back(r.to_json());
          json metrics = json::array();
          for (const auto& [name, what] : alert_metrics()) metrics.push_back({{"metric", name}, {"meaning", what}});
          return json{{"rules", rules}, {"metrics", metrics}};
        });
  d.add("monitor.rule.add",
        "a new alert rule, evaluated at once over the log: {endpoint, metric: accuracy|rmse|drift_share|latency_p99_ms|"
        "invalid_share, threshold, last_n? (accuracy/rmse: labelled requests, 200)}",
        [alerts](const json& a) {
          std::string endpoint = args::str(a, "endpoint", "loan-api");
          AlertRule r = alerts->add_rule(endpoint, a);
          return json{{"rule", r.to_json()}, {"alerts", alerts_json(alerts->history(endpoint))}};
        });
  d.add("monitor.rule.remove", "removes an alert rule; the alerts it raised stay in the history: {endpoint, rule_id}",
        [alerts](const json& a) {
          std::string endpoint = args::str(a, "endpoint", "loan-api");
          alerts->remove_rule(endpoint, args::required_str(a, "rule_id"));
          json rules = json::array();
          for (const auto& r : alerts->rules(endpoint)) rules.push_back(r.to_json());
          return json{{"rules", rules}};
        });
  d.add("monitor.alerts",
        "the alerts an endpoint's rules raised, oldest first (evaluated over the log first): when (day), what, the value, "
        "the rule, firing or resolved, acknowledged: {endpoint}",
        [alerts](const json& a) {
          std::string endpoint = args::str(a, "endpoint", "loan-api");
          alerts->evaluate(endpoint);
          std::vector<Alert> all = alerts->history(endpoint);
          int firing = 0, unacknowledged = 0;
          for (const auto& x : all) {
            firing += x.resolved_window ? 0 : 1;
            unacknowledged += x.acknowledged ? 0 : 1;
          }
          return json{{"alerts", alerts_json(all)}, {"firing", firing}, {"unacknowledged", unacknowledged}};
        });
  d.add("monitor.alert.ack", "marks an alert as seen (it stays in the history): {endpoint, alert_id} or {endpoint, all: true}",
        [alerts](const json& a) {
          std::string endpoint = args::str(a, "endpoint", "loan-api");
          if (a.contains("all") && !a["all"].is_boolean()) throw std::invalid_argument("field 'all' must be true or false");
          bool all = a.value("all", false);
          int n = alerts->acknowledge(endpoint, all ? "" : args::required_str(a, "alert_id"), all);
          return json{{"acknowledged", n}};
        });
}

}  // namespace lab
