#include "core/monitor/alert_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/math/short_number.hpp"

namespace lab {

using nlohmann::json;

namespace {

bool is_labelled_metric(const std::string& m) { return m == "accuracy" || m == "rmse"; }

// How far past the threshold a value is, in the direction that breaches.
double excess(const AlertRule& r, double v) { return r.metric == "accuracy" ? r.threshold - v : v - r.threshold; }

}  // namespace

const std::vector<std::pair<std::string, std::string>>& alert_metrics() {
  static const std::vector<std::pair<std::string, std::string>> m = {
      {"accuracy", "share of right predictions over the last N labelled requests (fires below the threshold)"},
      {"rmse", "root mean squared error over the last N labelled requests, regression models (fires above)"},
      {"drift_share", "share of input columns that drifted that day against the training data (fires at or above)"},
      {"latency_p99_ms", "99th percentile of that day's latency in milliseconds (fires above)"},
      {"invalid_share", "share of that day's requests the contract rejected with 422 (fires above)"},
  };
  return m;
}

bool AlertRule::breached(double value) const {
  if (metric == "accuracy") return value < threshold;
  if (metric == "drift_share") return value >= threshold;
  return value > threshold;
}

std::string AlertRule::describe() const {
  if (metric == "accuracy") return "accuracy below " + short_number(threshold) + " over the last " + std::to_string(last_n) + " labelled requests";
  if (metric == "rmse") return "RMSE above " + short_number(threshold) + " over the last " + std::to_string(last_n) + " labelled requests";
  if (metric == "drift_share") return "share of drifted input columns at or above " + short_number(threshold) + " that day";
  if (metric == "latency_p99_ms") return "p99 latency above " + short_number(threshold) + " ms that day";
  return "422 share above " + short_number(threshold) + " that day";
}

json AlertRule::to_json() const {
  json j = {{"id", id}, {"metric", metric}, {"threshold", threshold}, {"description", describe()}};
  if (is_labelled_metric(metric)) j["last_n"] = last_n;
  return j;
}

AlertRule AlertRule::from_json(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("a rule is {metric, threshold, last_n?}");
  AlertRule r;
  r.id = j.value("id", "");
  if (!j.contains("metric") || !j["metric"].is_string()) throw std::invalid_argument("field 'metric' is required: the metric the rule watches");
  r.metric = j["metric"].get<std::string>();
  std::string known;
  bool ok = false;
  for (const auto& [name, what] : alert_metrics()) {
    known += (known.empty() ? "" : ", ") + name;
    ok = ok || name == r.metric;
  }
  if (!ok) throw std::invalid_argument("unknown metric '" + r.metric + "'; a rule can watch " + known);
  if (!j.contains("threshold") || !j["threshold"].is_number() || !std::isfinite(j["threshold"].get<double>()))
    throw std::invalid_argument("field 'threshold' must be a number, e.g. 0.7 for accuracy or 50 for latency_p99_ms");
  r.threshold = j["threshold"].get<double>();
  const bool share = r.metric == "accuracy" || r.metric == "drift_share" || r.metric == "invalid_share";
  if (share && (r.threshold < 0 || r.threshold > 1))
    throw std::invalid_argument("the threshold of " + r.metric + " is a share between 0 and 1 (got " + short_number(r.threshold) + ")");
  if (!share && r.threshold < 0)
    throw std::invalid_argument("the threshold of " + r.metric + " cannot be negative (got " + short_number(r.threshold) + ")");
  if (j.contains("last_n")) {
    if (!j["last_n"].is_number_integer() || j["last_n"].get<int64_t>() < 1 || j["last_n"].get<int64_t>() > 1000000)
      throw std::invalid_argument("field 'last_n' must be a whole number of labelled requests from 1 to 1,000,000");
    r.last_n = j["last_n"].get<int64_t>();
  }
  return r;
}

std::string Alert::message() const {
  std::string m = metric == "accuracy" ? "accuracy" : metric == "rmse" ? "RMSE" : metric == "drift_share" ? "the share of drifted inputs"
                  : metric == "latency_p99_ms" ? "p99 latency" : "the 422 share";
  std::string s = "Day " + std::to_string(window) + ": " + m + " was " + short_number(value) + " (rule: " + rule + ")";
  if (resolved_window) s += "; back within the rule on day " + std::to_string(*resolved_window);
  return s + ".";
}

json Alert::to_json() const {
  json j = {{"id", id},         {"rule_id", rule_id}, {"metric", metric},       {"rule", rule},
            {"threshold", threshold}, {"window", window}, {"time_ms", time_ms}, {"value", value},
            {"worst", worst},   {"state", resolved_window ? "resolved" : "firing"},
            {"resolved_window", resolved_window ? json(*resolved_window) : json()},
            {"acknowledged", acknowledged}, {"message", message()}};
  if (acknowledged) j["acknowledged_ms"] = acknowledged_ms;
  return j;
}

Alert Alert::from_json(const json& j) {
  Alert a;
  a.id = j.value("id", "");
  a.rule_id = j.value("rule_id", "");
  a.metric = j.value("metric", "");
  a.rule = j.value("rule", "");
  a.threshold = j.value("threshold", 0.0);
  a.window = j.value("window", 0);
  a.time_ms = j.value("time_ms", int64_t(0));
  a.value = j.value("value", 0.0);
  a.worst = j.value("worst", a.value);
  if (j.contains("resolved_window") && j["resolved_window"].is_number_integer()) a.resolved_window = j["resolved_window"].get<int>();
  a.acknowledged = j.value("acknowledged", false);
  a.acknowledged_ms = j.value("acknowledged_ms", int64_t(0));
  return a;
}

std::vector<Alert> evaluate_rule(const AlertRule& rule, const std::vector<WindowValue>& points) {
  std::vector<Alert> out;
  Alert* open = nullptr;
  for (const auto& p : points) {
    if (!p.value) continue;
    const double v = *p.value;
    if (rule.breached(v)) {
      if (open) {
        if (excess(rule, v) > excess(rule, open->worst)) open->worst = v;
        continue;
      }
      Alert a;
      a.id = rule.id + "@" + std::to_string(p.window);
      a.rule_id = rule.id;
      a.metric = rule.metric;
      a.rule = rule.describe();
      a.threshold = rule.threshold;
      a.window = p.window;
      a.time_ms = p.end_ms;
      a.value = a.worst = v;
      out.push_back(a);
      open = &out.back();
    } else if (open) {
      open->resolved_window = p.window;
      open = nullptr;
    }
  }
  return out;
}

std::vector<std::string> merge_alerts(std::vector<Alert>& history, const std::vector<Alert>& derived) {
  std::vector<std::string> added;
  for (const auto& d : derived) {
    auto it = std::find_if(history.begin(), history.end(), [&](const Alert& h) { return h.id == d.id; });
    if (it == history.end()) {
      history.push_back(d);
      added.push_back(d.id);
      continue;
    }
    it->resolved_window = d.resolved_window;
    it->worst = d.worst;
    it->value = d.value;
  }
  std::stable_sort(history.begin(), history.end(), [](const Alert& a, const Alert& b) { return a.time_ms < b.time_ms; });
  return added;
}

}  // namespace lab
