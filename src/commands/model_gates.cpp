#include "commands/model_gates.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "commands/dispatcher.hpp"
#include "commands/json_args.hpp"
#include "commands/session.hpp"
#include "core/pipeline/predictor.hpp"
#include "core/serve/contract.hpp"
#include "core/serve/endpoint.hpp"
#include "core/serve/request_presets.hpp"
#include "io/text_file.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace lab {

namespace {

// The registry's folder layout (io/registry_store.hpp): models/<name>/version-<n>/.
fs::path model_dir(Session& s, const std::string& model) { return s.store().root() / "models" / model; }
fs::path report_path(Session& s, const std::string& model, int version) {
  return model_dir(s, model) / ("version-" + std::to_string(version)) / "lab_gates.json";
}

json read_json(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(p, ec)) return json();
  return json::parse(read_text_file(p), nullptr, false);
}

const ModelVersion& version_of(Session& s, const std::string& model, int version) {
  const ModelVersion* v = s.models().registry().model(model).find(version);
  if (!v) throw std::invalid_argument("model '" + model + "' has no version " + std::to_string(version));
  return *v;
}

std::vector<std::string> inputs_of(Session& s, const std::string& model) {
  const RegisteredModel& m = s.models().registry().model(model);
  if (m.versions.empty()) return {};
  InferenceContract c = InferenceContract::from_json(json::parse(s.store().read_artifact(m.versions.back().run_id, "model/contract.json")));
  std::vector<std::string> out;
  for (const auto& f : c.fields) out.push_back(f.name);
  return out;
}

// How far one prediction moved: the positive class's probability (binary), the largest class
// probability change (multi-class), the change relative to the first value (regression).
double prediction_change(Task task, const json& a, const json& b) {
  if (task == Task::Binary && a.contains("probability")) return std::fabs(a["probability"].get<double>() - b["probability"].get<double>());
  if (task == Task::Multiclass && a.contains("probabilities")) {
    double worst = 0;
    for (auto it = a["probabilities"].begin(); it != a["probabilities"].end(); ++it)
      worst = std::max(worst, std::fabs(it.value().get<double>() - b["probabilities"].value(it.key(), 0.0)));
    return worst;
  }
  if (task == Task::Regression) {
    double x = a["prediction"].get<double>(), y = b["prediction"].get<double>();
    return std::fabs(y - x) / std::max(std::fabs(x), 1e-9);
  }
  return a["prediction"] == b["prediction"] ? 0.0 : 1.0;
}

}  // namespace

GateSuite ModelGates::suite(const std::string& model) const {
  s_.models().registry().model(model);  // throws for an unknown model
  json j = read_json(model_dir(s_, model) / "lab_gates.json");
  if (!j.is_object()) return GateSuite{};
  try {
    return GateSuite::from_json(j, GateSuite{}, inputs_of(s_, model));
  } catch (const std::invalid_argument&) {
    return GateSuite{};  // a suite naming inputs the model no longer has: start again from the defaults
  }
}

GateSuite ModelGates::set_suite(const std::string& model, const json& changes) {
  GateSuite s = GateSuite::from_json(changes, suite(model), inputs_of(s_, model));
  write_text_file(model_dir(s_, model) / "lab_gates.json", s.to_json().dump(2) + "\n");
  s_.serving().notify_written();  // a write beside the registry: the tab saves it to IndexedDB
  return s;
}

std::optional<GateReport> ModelGates::last_report(const std::string& model, int version) const {
  json j = read_json(report_path(s_, model, version));
  if (!j.is_object()) return std::nullopt;
  return GateReport::from_json(j);
}

GateReport ModelGates::run(const std::string& model, int version, const std::optional<SameRowsComparison>& same) {
  const ModelVersion& v = version_of(s_, model, version);
  const GateSuite suite_now = suite(model);
  auto predictor = std::make_shared<Predictor>(json::parse(s_.store().read_artifact(v.run_id, "model/model.json")));
  InferenceContract contract = InferenceContract::from_json(json::parse(s_.store().read_artifact(v.run_id, "model/contract.json")));
  const Task task = predictor->task();
  const std::string metric = gate_metric(suite_now, to_string(task));

  GateReport report;
  report.model = model;
  report.version = version;
  report.time_ms = s_.store().now_ms();

  auto metric_of = [&](const ModelVersion& mv) -> std::optional<double> {
    auto it = mv.lineage.metrics.find(metric);
    if (it == mv.lineage.metrics.end()) {
      // Older versions carry no lineage metrics: read the run itself.
      Run run = s_.store().get_run(mv.run_id);
      auto found = run.metrics.find(metric);
      if (found == run.metrics.end() || found->second.empty()) return std::nullopt;
      return found->second.back().value;  // the final value, as lineage records it
    }
    return it->second;
  };
  report.results.push_back(held_out_gate(metric, metric_of(v), suite_now.min_metric));
  const RegisteredModel& m = s_.models().registry().model(model);
  auto champ = m.aliases.find("champion");
  if (champ != m.aliases.end() && champ->second != version) {
    report.champion_version = champ->second;
    if (same) {
      GateResult r = regression_gate(same->metric, same->version_value, same->champion_value, champ->second, suite_now.max_regression);
      r.detail += "; both on the same " + std::to_string(same->rows) + " " + same->rows_are;
      report.results.push_back(r);
    } else {
      report.results.push_back(regression_gate(metric, metric_of(v), metric_of(version_of(s_, model, champ->second)),
                                               champ->second, suite_now.max_regression));
    }
  } else {
    GateResult r = regression_gate(metric, metric_of(v), std::nullopt, 0, suite_now.max_regression);
    if (champ != m.aliases.end()) r.detail = "v" + std::to_string(version) + " is the champion: there is nothing to compare it with";
    report.results.push_back(r);
  }

  // A private endpoint around this version: validation, scoring and timing as in production.
  auto steady = [] {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
  };
  ServedModel served{model, version, [predictor](const json& features) { return predictor->predict_records(features)[0]; }};
  Endpoint endpoint("gates", contract, served, EndpointTimes{[this] { return s_.store().now_ms(); }, steady}, 1);

  // Contract round trip: the example request and every workshop preset that fits this contract.
  const json example = contract.example_request();
  std::vector<std::pair<std::string, std::pair<json, bool>>> checks = {{"the contract's example", {example, true}}};
  if (!contract.fields.empty()) {
    json missing = example;
    missing["features"].erase(contract.fields.front().name);
    checks.push_back({"the example without " + contract.fields.front().name, {missing, false}});
  }
  for (const auto& p : presets_json(contract))
    if (p["fits"].get<bool>()) checks.push_back({p["name"].get<std::string>(), {p["request"], p["valid"].get<bool>()}});
  std::vector<std::string> mismatches;
  std::vector<json> valid_requests;
  for (const auto& [name, check] : checks) {
    json reply = endpoint.predict(check.first);
    const bool rejected = reply.contains("errors"), failed = reply.contains("error") && !rejected;
    if (check.second && (rejected || failed))
      mismatches.push_back(name + ": expected an answer, got " + (rejected ? "a 422" : "an error: " + reply.value("error", "")));
    else if (!check.second && !rejected)
      mismatches.push_back(name + ": expected a 422, got " + (failed ? "an error" : "an answer"));
    if (check.second && !rejected && !failed) valid_requests.push_back(check.first["features"]);
  }
  report.results.push_back(contract_gate(int(checks.size()), mismatches));

  // Latency: the example request, N times, through validation and scoring.
  std::vector<double> latencies;
  for (int i = 0; i < suite_now.latency_requests; ++i) {
    json reply = endpoint.predict(example);
    if (reply.contains("latency_ms") && !reply.contains("errors")) latencies.push_back(reply["latency_ms"].get<double>());
  }
  report.results.push_back(latency_gate(latencies, suite_now.max_latency_p99_ms));

  // Invariance: each marked input set to values across its range (every category; the low end,
  // middle and high end of a number), on every valid request above.
  std::vector<double> largest;
  for (const auto& name : suite_now.invariant_features) {
    const FieldContract* f = nullptr;
    for (const auto& c : contract.fields)
      if (c.name == name) f = &c;
    std::vector<json> values;
    if (f && f->type == ColumnType::Categorical) {
      for (const auto& c : f->categories) values.push_back(c);
    } else if (f) {
      for (double q : {0.0, 0.5, 1.0}) {
        double x = f->observed_min + q * (f->observed_max - f->observed_min);
        values.push_back(f->integer ? json(std::llround(x)) : json(x));
      }
    }
    double worst = 0;
    for (const auto& base : valid_requests) {
      json variants = json::array();
      for (const auto& x : values) {
        json r = base;
        r[name] = x;
        variants.push_back(r);
      }
      json base_out = predictor->predict_records(base)[0];
      for (const auto& out : predictor->predict_records(variants)) worst = std::max(worst, prediction_change(task, base_out, out));
    }
    largest.push_back(worst);
  }
  report.results.push_back(invariance_gate(suite_now.invariant_features, largest, suite_now.invariance_tolerance,
                                           task == Task::Regression));

  write_text_file(report_path(s_, model, version), report.to_json().dump(2) + "\n");
  s_.serving().notify_written();
  return report;
}

void register_gate_commands(Dispatcher& d, Session& s) {
  auto gates = std::make_shared<ModelGates>(s);
  d.add("registry.gates",
        "a model's promotion gates and the last report of each version: {model}", [gates, &s](const json& a) {
          const std::string model = args::required_str(a, "model");
          json reports = json::object();
          for (const auto& v : s.models().registry().model(model).versions)
            if (auto r = gates->last_report(model, v.version)) reports[std::to_string(v.version)] = r->to_json();
          return json{{"model", model}, {"suite", gates->suite(model).to_json()}, {"reports", reports}};
        });
  d.add("registry.gates.set",
        "change a model's promotion gates: {model, required?: true (refuse @champion for a version that fails), metric?, "
        "min_metric?, max_regression?, max_latency_p99_ms?, latency_requests?, invariant_features?: [inputs], "
        "invariance_tolerance?}",
        [gates](const json& a) {
          const std::string model = args::required_str(a, "model");
          json changes = a;
          changes.erase("cmd");
          changes.erase("model");
          return json{{"model", model}, {"suite", gates->set_suite(model, changes).to_json()}};
        });
  d.add("registry.gates.run", "run a model version through its promotion gates and keep the report on the version: {model, version}",
        [gates](const json& a) {
          const std::string model = args::required_str(a, "model");
          return gates->run(model, int(args::integer(a, "version", 0))).to_json();
        });
}

}  // namespace lab
