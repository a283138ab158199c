#include "commands/monitor_hub.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

#include "commands/class_label.hpp"
#include "commands/session.hpp"
#include "core/data/dataset_catalog.hpp"
#include "core/monitor/drift_report.hpp"
#include "core/serve/prometheus_text.hpp"
#include "core/serve/serving_metrics.hpp"
#include "io/text_file.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace lab {

namespace {

uintmax_t size_of(const fs::path& p) {
  std::error_code ec;
  uintmax_t n = fs::file_size(p, ec);
  return ec ? 0 : n;
}


}  // namespace

InferenceContract MonitorHub::contract_of(const std::string& endpoint) {
  return InferenceContract::from_json(s_.serving().contract(endpoint));
}

const MonitorHub::LogView& MonitorHub::view(const std::string& endpoint) {
  const fs::path dir = s_.serving().endpoint_dir(endpoint);
  const fs::path log = dir / "requests.jsonl", truth = dir / "ground_truth.jsonl";
  LogView& v = views_[endpoint];
  uintmax_t lb = size_of(log), tb = size_of(truth);
  if (lb == v.log_bytes && tb == v.truth_bytes && (lb > 0 || !v.rows.empty())) return v;
  InferenceContract contract = contract_of(endpoint);
  v = LogView{};
  v.log_bytes = lb;
  v.truth_bytes = tb;
  v.classification = contract.target.task != "regression";
  if (contract.target.classes.size() == 2) v.positive_class = contract.target.classes[1];
  if (lb > 0) {
    std::istringstream is(read_text_file(log));
    int last_version = 0;
    std::vector<size_t> before_first_version;
    for (std::string line; std::getline(is, line);) {
      json j = json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      MonitoredRequest r;
      r.request_id = j.value("request_id", "");
      r.time_ms = j.value("time_ms", int64_t(0));
      r.status = j.value("status", "");
      r.latency_ms = j.value("latency_ms", 0.0);
      r.version = j.value("version", 0);
      // A rejected request never reached a model: it counts for the version serving then.
      if (r.version == 0) {
        r.version = last_version;
        if (!last_version) before_first_version.push_back(v.rows.size());
      } else {
        last_version = r.version;
      }
      const json& out = j.contains("output") ? j["output"] : json();
      if (r.status == "ok" && out.is_object() && out.contains("prediction")) {
        const json& p = out["prediction"];
        if (v.classification) r.predicted = class_label(p);
        else if (p.is_number()) r.predicted_value = p.get<double>();
        if (out.contains("probability") && out["probability"].is_number()) r.positive_probability = out["probability"].get<double>();
      }
      v.by_id[r.request_id] = v.rows.size();
      v.inputs.push_back(j.contains("inputs") ? j["inputs"] : json());
      v.truth_ms.push_back(0);
      v.rows.push_back(std::move(r));
    }
    for (size_t i : before_first_version) v.rows[i].version = last_version;
  }
  if (tb > 0) {
    std::istringstream is(read_text_file(truth));
    for (std::string line; std::getline(is, line);) {
      json j = json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      auto it = v.by_id.find(j.value("request_id", ""));
      if (it == v.by_id.end() || !j.contains("actual")) continue;
      MonitoredRequest& r = v.rows[it->second];
      v.truth_ms[it->second] = j.value("time_ms", r.time_ms);
      if (v.classification) r.actual_label = class_label(j["actual"]);
      else if (j["actual"].is_number()) r.actual_value = j["actual"].get<double>();
    }
  }
  if (!v.rows.empty()) {
    int64_t first = v.rows.front().time_ms;
    for (const auto& r : v.rows) first = std::min(first, r.time_ms);
    v.origin_ms = first - ((first % kDayMs) + kDayMs) % kDayMs;
  }
  return v;
}

json MonitorHub::simulate(const std::string& endpoint, const SimulationSpec& spec) {
  check_scenario(spec.scenario);
  InferenceContract contract = contract_of(endpoint);  // also checks the endpoint exists
  const EndpointConfig* config = s_.serving().config(endpoint);
  // The dataset's own generator, as the model's training run recorded it.
  json health = s_.serving().health(endpoint);
  const ModelVersion* mv = s_.models().registry().model(config->model).find(health.value("version", 0));
  if (!mv) throw std::invalid_argument("the endpoint's model version is not in the registry any more");
  Run run = s_.store().get_run(mv->run_id);
  std::string generator;
  for (const auto& in : run.inputs) {
    json src = json::parse(in.dataset.source, nullptr, false);
    if (src.is_object() && src.contains("tags")) generator = src["tags"].value("lab.generator", "");
  }
  bool known = false;
  for (const auto& d : dataset_catalog()) known = known || d.name == generator;
  if (!known)
    throw std::invalid_argument("the model behind '" + endpoint + "' was trained on '" + generator +
                                "', which is not a workshop dataset, so the lab has no generator to draw traffic from; "
                                "train on loan, churn, production_hours, iris, wine or breast_cancer");
  int64_t pool_rows = std::max<int64_t>(2000, std::min<int64_t>(spec.requests * 2, 200000));
  Table pool = make_dataset(generator, pool_rows, spec.seed * 7919 + 17);
  std::vector<std::string> fields;
  for (const auto& f : contract.fields) fields.push_back(f.name);
  const bool classification = contract.target.task != "regression";
  SimulationPlan plan = simulate_traffic(pool, fields, classification, spec);

  // The simulated clock starts at the day after the log's last request (or today), so
  // simulations follow each other and earlier traffic.
  const LogView& before = view(endpoint);
  int64_t start = kStoryStartMs;
  if (!before.rows.empty()) {
    int64_t last = before.rows.front().time_ms;
    for (const auto& r : before.rows) last = std::max(last, r.time_ms);
    start = last - ((last % kDayMs) + kDayMs) % kDayMs + kDayMs;
  }

  const std::string sim_id = "sim-" + std::to_string(start / kDayMs);
  uint64_t ok = 0, rejected = 0, failed = 0, labelled = 0;
  std::vector<std::pair<std::string, json>> truth;
  std::string truth_lines;
  for (const auto& r : plan.requests) {
    int64_t at = start + int64_t(r.day) * kDayMs + r.offset_ms;
    json extra = {{"simulation", sim_id}, {"scenario", spec.scenario}};
    if (!r.broken.empty()) extra["broken"] = r.broken;
    json reply = s_.serving().predict_at(endpoint, r.request, at, extra);
    std::string id = reply.value("request_id", "");
    if (reply.contains("errors")) ++rejected;
    else if (reply.contains("error")) ++failed;
    else ++ok;
    if (!r.actual.is_null() && !reply.contains("errors") && !reply.contains("error")) {
      json line = {{"request_id", id}, {"actual", r.actual}, {"time_ms", at + int64_t(spec.label_delay_days) * kDayMs},
                   {"source", sim_id}};
      truth_lines += line.dump() + "\n";
      ++labelled;
    }
  }
  if (!truth_lines.empty()) {
    write_text_file(s_.serving().endpoint_dir(endpoint) / "ground_truth.jsonl", truth_lines, true);
    s_.serving().notify_written();
  }
  return {{"endpoint", endpoint}, {"scenario", spec.scenario}, {"days", spec.days}, {"requests", plan.requests.size()},
          {"answered", ok}, {"rejected", rejected}, {"failed", failed}, {"labelled", labelled},
          {"first_day", (start - view(endpoint).origin_ms) / kDayMs + 1}, {"feature", plan.feature},
          {"drift_day", plan.drift_day + 1}, {"description", plan.description}, {"simulation", sim_id}};
}

json MonitorHub::record_ground_truth(const std::string& endpoint, const std::vector<std::pair<std::string, json>>& labels) {
  if (labels.empty()) throw std::invalid_argument("no ground truth given; send {request_id, actual}");
  const LogView& v = view(endpoint);
  InferenceContract contract = contract_of(endpoint);
  std::string lines;
  size_t replaced = 0;
  for (const auto& [id, actual] : labels) {
    auto it = v.by_id.find(id);
    if (it == v.by_id.end())
      throw std::invalid_argument("no request '" + id + "' in the log of endpoint '" + endpoint +
                                  "'; use a request_id from a reply or from serve.log (nothing was stored)");
    const MonitoredRequest& r = v.rows[it->second];
    if (r.status != "ok")
      throw std::invalid_argument("request '" + id + "' was " + (r.status == "invalid" ? "rejected by the contract (422)" : "not answered") +
                                  ", so it has no prediction to compare with (nothing was stored)");
    if (v.classification) {
      std::string label = class_label(actual);
      const auto& classes = contract.target.classes;
      if (label.empty() || (!classes.empty() && std::find(classes.begin(), classes.end(), label) == classes.end())) {
        std::string known;
        for (const auto& c : classes) known += (known.empty() ? "" : ", ") + c;
        throw std::invalid_argument("the actual outcome of '" + id + "' must be one of the classes (" + known + "), got " +
                                    actual.dump() + " (nothing was stored)");
      }
    } else if (!actual.is_number()) {
      throw std::invalid_argument("the actual outcome of '" + id + "' must be a number, got " + actual.dump() + " (nothing was stored)");
    }
    if (r.actual_label || r.actual_value) ++replaced;
    lines += json{{"request_id", id}, {"actual", actual}, {"time_ms", r.time_ms}, {"source", "manual"}}.dump() + "\n";
  }
  write_text_file(s_.serving().endpoint_dir(endpoint) / "ground_truth.jsonl", lines, true);
  s_.serving().notify_written();
  return {{"recorded", labels.size()}, {"replaced", replaced}};
}

json MonitorHub::windows(const std::string& endpoint, int64_t window_ms) {
  const LogView& v = view(endpoint);
  std::vector<MonitorWindow> ws = aggregate_windows(v.rows, v.origin_ms, window_ms, v.positive_class);
  json out = json::array();
  json changes = json::array();
  int last_version = 0;
  for (const auto& w : ws) {
    json j = w.to_json();
    j["window"] = w.index + 1;  // day 1, 2, ... for people
    out.push_back(j);
    if (last_version && w.version != last_version) changes.push_back({{"window", w.index + 1}, {"from", last_version}, {"to", w.version}});
    last_version = w.version;
  }
  uint64_t labelled = 0;
  for (const auto& r : v.rows) labelled += (r.actual_label || r.actual_value) ? 1 : 0;
  return {{"endpoint", endpoint}, {"window_ms", window_ms}, {"origin_ms", v.origin_ms}, {"windows", out},
          {"version_changes", changes}, {"requests", v.rows.size()}, {"labelled", labelled},
          {"task", v.classification ? "classification" : "regression"}};
}

Table MonitorHub::training_table(const std::string& endpoint) {
  const EndpointConfig* config = s_.serving().config(endpoint);
  json health = s_.serving().health(endpoint);
  const ModelVersion* mv = s_.models().registry().model(config->model).find(health.value("version", 0));
  if (!mv) throw std::invalid_argument("the endpoint's model version is not in the registry any more");
  if (auto cached = training_tables_.find(mv->run_id); cached != training_tables_.end()) return cached->second;
  Run run = s_.store().get_run(mv->run_id);
  for (const auto& in : run.inputs) {
    json src = json::parse(in.dataset.source, nullptr, false), profile = json::parse(in.dataset.profile, nullptr, false);
    if (!src.is_object() || !src.contains("tags")) continue;
    std::string gen = src["tags"].value("lab.generator", "");
    uint64_t seed = std::stoull(src["tags"].value("lab.seed", "0"));
    int64_t rows = profile.is_object() ? profile.value("num_rows", int64_t(0)) : 0;
    for (const auto& d : dataset_catalog())
      if (d.name == gen) return training_tables_[mv->run_id] = make_dataset(gen, std::max<int64_t>(rows, 10), seed);
  }
  throw std::invalid_argument("the training data of this model cannot be rebuilt (it was imported); compare two windows of the log instead");
}

Table MonitorHub::window_table(const std::string& endpoint, const InferenceContract& c, int from_day, int to_day) {
  const LogView& v = view(endpoint);
  Table t;
  for (const auto& f : c.fields) {
    Column col;
    col.name = f.name;
    col.type = f.type;
    t.columns.push_back(col);
  }
  std::vector<std::map<std::string, int>> codes(c.fields.size());
  for (size_t i = 0; i < v.rows.size(); ++i) {
    const auto& r = v.rows[i];
    int64_t day = (r.time_ms - v.origin_ms) / kDayMs + 1;
    if (r.status != "ok" || day < from_day || day > to_day) continue;
    const json& in = v.inputs[i];
    for (size_t k = 0; k < c.fields.size(); ++k) {
      const json& x = in.is_object() && in.contains(c.fields[k].name) ? in[c.fields[k].name] : json();
      Column& col = t.columns[k];
      if (col.type == ColumnType::Numeric) col.values.push_back(x.is_number() ? x.get<double>() : NAN);
      else {
        std::string s = x.is_string() ? x.get<std::string>() : class_label(x);
        if (s.empty()) { col.values.push_back(NAN); continue; }
        auto [it, added] = codes[k].emplace(s, int(col.categories.size()));
        if (added) col.categories.push_back(s);
        col.values.push_back(it->second);
      }
    }
  }
  return t;
}

json MonitorHub::drift(const std::string& endpoint, const std::string& reference, int ref_from, int ref_to, int cur_from, int cur_to) {
  InferenceContract c = contract_of(endpoint);
  std::vector<std::string> fields;
  for (const auto& f : c.fields) fields.push_back(f.name);
  Table ref;
  if (reference == "training") ref = training_table(endpoint);
  else if (reference == "window") ref = window_table(endpoint, c, ref_from, ref_to);
  else throw std::invalid_argument("field 'reference' must be 'training' or 'window'");
  Table cur = window_table(endpoint, c, cur_from, cur_to);
  json r = drift_report(ref, cur, DriftOptions{}, fields).to_json();
  auto days = [](int from, int to) {
    return from == to ? "day " + std::to_string(from) : "days " + std::to_string(from) + "-" + std::to_string(to);
  };
  r["reference"] = reference == "training" ? json("the model's training data") : json(days(ref_from, ref_to));
  r["current"] = days(cur_from, cur_to);
  return r;
}

std::string MonitorHub::metrics(const std::string& endpoint) {
  const LogView& v = view(endpoint);
  // Per version: requests by status, latency buckets, predicted classes.
  struct PerVersion {
    std::map<std::string, uint64_t> by_status, by_class;
    std::vector<uint64_t> latency = std::vector<uint64_t>(ServingMetrics::latency_bounds_seconds().size() + 1, 0);
    double latency_sum = 0;
  };
  const auto& bounds = ServingMetrics::latency_bounds_seconds();
  std::map<int, PerVersion> versions;
  for (const auto& r : v.rows) {
    PerVersion& pv = versions[r.version];
    ++pv.by_status[r.status == "ok" ? "200" : r.status == "invalid" ? "422" : "503"];
    if (!r.predicted.empty()) ++pv.by_class[r.predicted];
    double seconds = r.latency_ms / 1000.0;
    size_t b = size_t(std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin());
    ++pv.latency[b];
    pv.latency_sum += seconds;
  }
  PrometheusText t;
  t.family("lab_requests_total", "Requests the endpoint answered, by model version and HTTP status.", "counter");
  for (const auto& [version, pv] : versions)
    for (const auto& [status, n] : pv.by_status)
      t.sample("", {{"endpoint", endpoint}, {"version", std::to_string(version)}, {"status", status}}, double(n));
  t.family("lab_request_latency_seconds", "Time to answer a request, validation and scoring included.", "histogram");
  for (const auto& [version, pv] : versions)
    t.histogram({{"endpoint", endpoint}, {"version", std::to_string(version)}}, bounds, pv.latency, pv.latency_sum);
  t.family("lab_predictions_total", "Scored requests by predicted class.", "counter");
  for (const auto& [version, pv] : versions)
    for (const auto& [label, n] : pv.by_class)
      t.sample("", {{"endpoint", endpoint}, {"version", std::to_string(version)}, {"class", label}}, double(n));
  uint64_t labelled = 0;
  for (const auto& r : v.rows) labelled += (r.actual_label || r.actual_value) ? 1 : 0;
  t.family("lab_ground_truth_total", "Requests whose true outcome has arrived.", "counter");
  t.sample("", {{"endpoint", endpoint}}, double(labelled));

  // The last day with requests against the training data; left out when it cannot be computed.
  if (!v.rows.empty()) {
    int64_t last_day = 0;
    for (const auto& r : v.rows) last_day = std::max(last_day, (r.time_ms - v.origin_ms) / kDayMs + 1);
    try {
      json d = drift(endpoint, "training", 0, 0, int(last_day), int(last_day));
      t.family("lab_drift_share", "Share of input columns that drifted on the last day against the training data.", "gauge");
      t.sample("", {{"endpoint", endpoint}}, d["share"].get<double>());
      t.family("lab_dataset_drift", "1 when the drift share reaches the dataset threshold (0.5).", "gauge");
      t.sample("", {{"endpoint", endpoint}}, d["dataset_drift"].get<bool>() ? 1.0 : 0.0);
    } catch (const std::invalid_argument&) {
    }
  }
  // Accuracy (or RMSE) of the latest window that has ground truth.
  std::vector<MonitorWindow> ws = aggregate_windows(v.rows, v.origin_ms, kDayMs, v.positive_class);
  for (auto it = ws.rbegin(); it != ws.rend(); ++it) {
    if (!it->labelled) continue;
    PromLabels l = {{"endpoint", endpoint}, {"version", std::to_string(it->version)}};
    if (it->accuracy) {
      t.family("lab_window_accuracy", "Accuracy of the latest day with ground truth.", "gauge");
      t.sample("", l, *it->accuracy);
    }
    if (it->rmse) {
      t.family("lab_window_rmse", "RMSE of the latest day with ground truth.", "gauge");
      t.sample("", l, *it->rmse);
    }
    t.family("lab_window_labelled_requests", "Requests with ground truth in that window.", "gauge");
    t.sample("", l, double(it->labelled));
    break;
  }
  return t.text();
}

}  // namespace lab
