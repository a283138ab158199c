#include <map>
#include <memory>

#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"
#include "commands/monitor_alerts.hpp"
#include "commands/monitor_hub.hpp"
#include "commands/session.hpp"
#include "core/serve/prometheus_text.hpp"

namespace lab {

using nlohmann::json;

namespace {

int64_t window_ms_of(const std::string& w) {
  if (w == "day") return MonitorHub::kDayMs;
  if (w == "hour") return MonitorHub::kDayMs / 24;
  throw std::invalid_argument("field 'window' must be 'day' or 'hour'");
}

}  // namespace

void register_monitor_commands(Dispatcher& d, Session& s) {
  auto hub = std::make_shared<MonitorHub>(s);
  auto alerts = std::make_shared<MonitorAlerts>(s, *hub);
  d.add("monitor.simulate",
        "production traffic through a deployed endpoint on a simulated clock: {endpoint, scenario: stable|covariate_drift|"
        "concept_drift|data_quality, days (14), requests (1000), seed (1), drift_day?, ramp_days (3), feature?, "
        "label_delay_days (1)}; outcomes that arrive within the period are stored as ground truth",
        [hub, alerts](const json& a) {
          SimulationSpec spec;
          spec.scenario = args::str(a, "scenario", "stable");
          spec.days = int(args::integer(a, "days", 14));
          spec.requests = args::integer(a, "requests", 1000);
          spec.seed = uint64_t(args::integer(a, "seed", 1));
          spec.drift_day = int(args::integer(a, "drift_day", 0)) - 1;  // 1-based for people; 0/absent: a third in
          spec.ramp_days = int(args::integer(a, "ramp_days", 3));
          spec.feature = args::str(a, "feature", "");
          spec.label_delay_days = int(args::integer(a, "label_delay_days", 1));
          const std::string endpoint = args::str(a, "endpoint", "loan-api");
          json r = hub->simulate(endpoint, spec);
          r["alerts"] = alerts_json(alerts->evaluate(endpoint));  // the alerts this traffic raised
          return r;
        });
  d.add("monitor.ground_truth",
        "the true outcome of logged requests, joined by request id: {endpoint, request_id, actual} or {endpoint, labels: "
        "[{request_id, actual}, ...]}; all are checked before any is stored",
        [hub, alerts](const json& a) {
          std::vector<std::pair<std::string, json>> labels;
          if (a.contains("labels")) {
            if (!a["labels"].is_array()) throw std::invalid_argument("field 'labels' must be a list of {request_id, actual}");
            for (const auto& l : a["labels"]) {
              if (!l.is_object() || !l.contains("actual")) throw std::invalid_argument("each label needs request_id and actual");
              labels.emplace_back(args::required_str(l, "request_id"), l["actual"]);
            }
          } else {
            if (!a.contains("actual")) throw std::invalid_argument("field 'actual' is required (the true outcome)");
            labels.emplace_back(args::required_str(a, "request_id"), a["actual"]);
          }
          const std::string endpoint = args::str(a, "endpoint", "loan-api");
          json r = hub->record_ground_truth(endpoint, labels);
          r["alerts"] = alerts_json(alerts->evaluate(endpoint));
          return r;
        });
  d.add("monitor.windows",
        "the request log per window and model version: requests, 422 share, latency p50/p99, predictions, and accuracy/"
        "AUC/RMSE where ground truth arrived: {endpoint, window: day|hour}",
        [hub](const json& a) { return hub->windows(args::str(a, "endpoint", "loan-api"), window_ms_of(args::str(a, "window", "day"))); });
  d.add("monitor.drift",
        "data drift per input column (Evidently's default tests): {endpoint, reference: training|window, reference_days: "
        "[from, to], current_days: [from, to]} (days as monitor.windows numbers them; current defaults to the last day)",
        [hub](const json& a) {
          std::string endpoint = args::str(a, "endpoint", "loan-api");
          auto days = [&](const char* key, int fallback_from, int fallback_to) {
            if (!a.contains(key)) return std::pair<int, int>{fallback_from, fallback_to};
            const json& v = a[key];
            if (!v.is_array() || v.size() != 2 || !v[0].is_number_integer() || !v[1].is_number_integer() || v[0] > v[1])
              throw std::invalid_argument(std::string("field '") + key + "' must be [from, to], e.g. [1, 7]");
            return std::pair<int, int>{v[0].get<int>(), v[1].get<int>()};
          };
          const auto& view = hub->view(endpoint);
          int last = 0;
          for (const auto& r : view.rows) last = std::max<int>(last, int((r.time_ms - view.origin_ms) / MonitorHub::kDayMs) + 1);
          auto cur = days("current_days", last, last);
          auto ref = days("reference_days", 1, 1);
          return hub->drift(endpoint, args::str(a, "reference", "training"), ref.first, ref.second, cur.first, cur.second);
        });
  d.add("monitor.metrics", "the endpoint's metrics in Prometheus text format 0.0.4, as a /metrics scrape returns them: {endpoint}",
        [hub, alerts](const json& a) {
          const std::string endpoint = args::str(a, "endpoint", "loan-api");
          std::string text = hub->metrics(endpoint);
          // The alerts firing now, per metric, as an alerting dashboard would graph them.
          alerts->evaluate(endpoint);
          std::map<std::string, int> firing;
          for (const auto& r : alerts->rules(endpoint)) firing[r.metric] += 0;
          for (const auto& x : alerts->history(endpoint)) firing[x.metric] += x.resolved_window ? 0 : 1;
          PrometheusText t;
          t.family("lab_alerts_firing", "Alerts of the endpoint's rules that are firing, by metric.", "gauge");
          for (const auto& [metric, n] : firing) t.sample("", {{"endpoint", endpoint}, {"metric", metric}}, double(n));
          return json{{"text", text + t.text()}};
        });
  register_alert_commands(d, alerts);
}

}  // namespace lab
