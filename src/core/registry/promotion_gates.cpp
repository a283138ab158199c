#include "core/registry/promotion_gates.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/eval/champion.hpp"
#include "core/math/short_number.hpp"
#include "core/monitor/monitor_windows.hpp"

namespace lab {

using nlohmann::json;

namespace {

double checked_number(const json& j, const char* key, double lo, double hi, const char* example) {
  const json& v = j[key];
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < lo || v.get<double>() > hi)
    throw std::invalid_argument(std::string("field '") + key + "' must be a number from " + short_number(lo) + " to " + short_number(hi) +
                                ", e.g. " + example + " (got " + v.dump() + ")");
  return v.get<double>();
}

}  // namespace

json GateSuite::to_json() const {
  return {{"required", required},
          {"metric", metric},
          {"min_metric", min_metric},
          {"max_regression", max_regression},
          {"max_latency_p99_ms", max_latency_p99_ms},
          {"latency_requests", latency_requests},
          {"invariant_features", invariant_features},
          {"invariance_tolerance", invariance_tolerance}};
}

GateSuite GateSuite::from_json(const json& j, const GateSuite& base, const std::vector<std::string>& features) {
  if (!j.is_object()) throw std::invalid_argument("a gate suite is an object: {required, metric, min_metric, ...}");
  GateSuite s = base;
  if (j.contains("required")) {
    if (!j["required"].is_boolean()) throw std::invalid_argument("field 'required' must be true or false");
    s.required = j["required"].get<bool>();
  }
  if (j.contains("metric")) {
    if (!j["metric"].is_string()) throw std::invalid_argument("field 'metric' must be a metric name such as roc_auc, or \"\" for the task's usual one");
    s.metric = j["metric"].get<std::string>();
  }
  if (j.contains("min_metric")) s.min_metric = checked_number(j, "min_metric", -1e12, 1e12, "0.8");
  if (j.contains("max_regression")) s.max_regression = checked_number(j, "max_regression", 0, 1e12, "0.02");
  if (j.contains("max_latency_p99_ms")) s.max_latency_p99_ms = checked_number(j, "max_latency_p99_ms", 0.001, 1e6, "50");
  if (j.contains("latency_requests")) s.latency_requests = int(checked_number(j, "latency_requests", 10, 100000, "200"));
  if (j.contains("invariance_tolerance")) s.invariance_tolerance = checked_number(j, "invariance_tolerance", 0, 1e6, "0.05");
  if (j.contains("invariant_features")) {
    if (!j["invariant_features"].is_array()) throw std::invalid_argument("field 'invariant_features' must be a list of input names");
    std::vector<std::string> marked;
    for (const auto& f : j["invariant_features"]) {
      std::string name = f.is_string() ? f.get<std::string>() : f.dump();
      if (std::find(features.begin(), features.end(), name) == features.end()) {
        std::string known;
        for (const auto& k : features) known += (known.empty() ? "" : ", ") + k;
        throw std::invalid_argument("'" + name + "' is not an input of this model; its inputs are " + known);
      }
      marked.push_back(name);
    }
    s.invariant_features = marked;
  }
  return s;
}

std::string gate_metric(const GateSuite& s, const std::string& task) {
  if (!s.metric.empty()) return s.metric;
  if (task == "regression") return "r2";
  if (task == "binary") return "roc_auc";
  return "accuracy";
}

json GateResult::to_json() const {
  return {{"gate", gate}, {"title", title}, {"status", status}, {"detail", detail},
          {"value", value ? json(*value) : json()}, {"bound", bound ? json(*bound) : json()}};
}

bool GateReport::passed() const {
  return std::none_of(results.begin(), results.end(), [](const GateResult& r) { return r.status == "failed"; });
}

std::string GateReport::failures() const {
  std::string out;
  for (const auto& r : results)
    if (r.status == "failed") out += (out.empty() ? "" : "; ") + r.gate + " (" + r.detail + ")";
  return out;
}

json GateReport::to_json() const {
  json rs = json::array();
  for (const auto& r : results) rs.push_back(r.to_json());
  return {{"model", model}, {"version", version}, {"time_ms", time_ms}, {"champion_version", champion_version},
          {"passed", passed()}, {"results", rs}};
}

GateReport GateReport::from_json(const json& j) {
  GateReport g;
  g.model = j.value("model", "");
  g.version = j.value("version", 0);
  g.time_ms = j.value("time_ms", int64_t(0));
  g.champion_version = j.value("champion_version", 0);
  for (const auto& r : j.value("results", json::array())) {
    GateResult x;
    x.gate = r.value("gate", "");
    x.title = r.value("title", "");
    x.status = r.value("status", "");
    x.detail = r.value("detail", "");
    if (r.contains("value") && r["value"].is_number()) x.value = r["value"].get<double>();
    if (r.contains("bound") && r["bound"].is_number()) x.bound = r["bound"].get<double>();
    g.results.push_back(x);
  }
  return g;
}

GateResult held_out_gate(const std::string& metric, std::optional<double> value, double minimum) {
  const bool lower = lower_is_better(metric);
  GateResult r{"held_out_metric", "held-out " + metric + (lower ? " at most " : " at least ") + short_number(minimum), "", "", value, minimum};
  if (!value) {
    r.status = "failed";
    r.detail = "the version's run has no " + metric + "; choose a metric the run logged";
    return r;
  }
  bool ok = lower ? *value <= minimum : *value >= minimum;
  r.status = ok ? "passed" : "failed";
  r.detail = metric + " " + short_number(*value) + (ok ? (lower ? " <= " : " >= ") : (lower ? " > " : " < ")) + short_number(minimum);
  return r;
}

GateResult regression_gate(const std::string& metric, std::optional<double> value, std::optional<double> champion,
                           int champion_version, double margin) {
  GateResult r{"no_regression", "no worse than the champion by more than " + short_number(margin), "", "", value, std::nullopt};
  if (!champion_version) {
    r.status = "skipped";
    r.detail = "there is no champion yet to compare with";
    return r;
  }
  if (!value || !champion) {
    r.status = "failed";
    r.detail = "cannot compare " + metric + ": " + (!value ? "this version's" : "the champion's") + " run has no " + metric;
    return r;
  }
  const bool lower = lower_is_better(metric);
  double bound = lower ? *champion + margin : *champion - margin;
  r.bound = bound;
  bool ok = lower ? *value <= bound : *value >= bound;
  r.status = ok ? "passed" : "failed";
  r.detail = metric + " " + short_number(*value) + " against the champion v" + std::to_string(champion_version) + "'s " +
             short_number(*champion) + (ok ? " (within " : " (worse by more than ") + short_number(margin) + ")";
  return r;
}

GateResult contract_gate(int checked, const std::vector<std::string>& mismatches) {
  GateResult r{"contract", "every example scores and every broken request gets its 422", "", "", double(mismatches.size()), 0.0};
  r.status = mismatches.empty() ? "passed" : "failed";
  if (mismatches.empty()) {
    r.detail = std::to_string(checked) + " requests answered as the contract says";
  } else {
    r.detail = std::to_string(mismatches.size()) + " of " + std::to_string(checked) + " requests answered wrongly: ";
    for (size_t i = 0; i < mismatches.size() && i < 3; ++i) r.detail += (i ? "; " : "") + mismatches[i];
  }
  return r;
}

GateResult latency_gate(std::vector<double> latencies_ms, double bound_ms) {
  GateResult r{"latency", "p99 latency under " + short_number(bound_ms) + " ms", "", "", std::nullopt, bound_ms};
  if (latencies_ms.empty()) {
    r.status = "failed";
    r.detail = "no request was scored";
    return r;
  }
  double p99 = percentile_linear(std::move(latencies_ms), 99);
  r.value = p99;
  r.status = p99 < bound_ms ? "passed" : "failed";
  r.detail = "p99 " + short_number(p99) + " ms" + (p99 < bound_ms ? " < " : " >= ") + short_number(bound_ms) + " ms";
  return r;
}

GateResult invariance_gate(const std::vector<std::string>& features, const std::vector<double>& largest_change,
                           double tolerance, bool regression) {
  GateResult r{"invariance", std::string("irrelevant inputs move predictions by less than ") + short_number(tolerance) +
                                 (regression ? " (relative)" : " (probability)"),
               "", "", std::nullopt, tolerance};
  if (features.empty()) {
    r.status = "skipped";
    r.detail = "no input is marked as irrelevant";
    return r;
  }
  double worst = 0;
  std::string worst_feature;
  for (size_t i = 0; i < features.size(); ++i)
    if (largest_change[i] >= worst) {
      worst = largest_change[i];
      worst_feature = features[i];
    }
  r.value = worst;
  r.status = worst < tolerance ? "passed" : "failed";
  r.detail = "changing " + worst_feature + " moved a prediction by " + short_number(worst) + (worst < tolerance ? " < " : " >= ") +
             short_number(tolerance);
  return r;
}

}  // namespace lab
