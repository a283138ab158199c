#include "commands/jobs/retrain_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "commands/monitor_hub.hpp"
#include "core/pipeline/predictor.hpp"

namespace lab {

using nlohmann::json;


namespace {

// The workshop generator and seed the champion's data came from (its run's dataset input).
std::pair<std::string, uint64_t> generator_of(const Run& run) {
  for (const auto& in : run.inputs) {
    json src = json::parse(in.dataset.source, nullptr, false);
    if (!src.is_object() || !src.contains("tags")) continue;
    std::string seed = src["tags"].value("lab.seed", "0");
    return {src["tags"].value("lab.generator", ""), seed.empty() ? 0 : std::stoull(seed)};
  }
  return {"", 0};
}

// Appends a cell to a column of the champion's schema: numbers as numbers, categories by name
// (a category the reference never saw is added, as an import would).
void push_cell(Column& c, const json& v) {
  if (c.type == ColumnType::Numeric) {
    c.values.push_back(v.is_number() ? v.get<double>() : NAN);
    return;
  }
  std::string s = class_label(v);
  if (s.empty()) {
    c.values.push_back(NAN);
    return;
  }
  auto it = std::find(c.categories.begin(), c.categories.end(), s);
  if (it == c.categories.end()) {
    c.categories.push_back(s);
    it = c.categories.end() - 1;
  }
  c.values.push_back(double(it - c.categories.begin()));
}

}  // namespace

RetrainData retrain_data(Session& s, MonitorHub& hub, const std::string& endpoint, const Run& champion_run, int window_days,
                         double reference_share) {
  const MonitorHub::LogView& v = hub.view(endpoint);
  if (!v.classification)
    throw std::invalid_argument("endpoint '" + endpoint + "' serves a regression model; retraining jobs compare accuracy, so "
                                "they watch classifiers for now");
  Table ref = hub.training_table(endpoint);  // throws for imported data
  const InferenceContract contract = InferenceContract::from_json(s.serving().contract(endpoint));
  auto tag = champion_run.tags.find("lab.target");
  const std::string target = tag != champion_run.tags.end() ? tag->second : (ref.target() ? ref.target()->name : "");

  RetrainData out;
  int last_day = 0;
  for (const auto& r : v.rows) last_day = std::max(last_day, int((r.time_ms - v.origin_ms) / MonitorHub::kDayMs) + 1);
  out.to_day = last_day;
  out.from_day = std::max(1, last_day - window_days + 1);

  // The champion's columns: its inputs and its target, as the reference has them.
  Table t;
  for (const auto& c : ref.columns) {
    bool input = std::any_of(contract.fields.begin(), contract.fields.end(), [&](const auto& f) { return f.name == c.name; });
    if (!input && c.name != target) continue;
    Column copy = c;
    copy.values.clear();
    copy.role = c.name == target ? ColumnRole::Target : ColumnRole::Feature;
    t.columns.push_back(std::move(copy));
  }
  if (!t.find(target)) throw std::invalid_argument("the champion's target '" + target + "' is not in its training data any more");

  for (size_t i = 0; i < v.rows.size(); ++i) {
    const MonitoredRequest& r = v.rows[i];
    const int day = int((r.time_ms - v.origin_ms) / MonitorHub::kDayMs) + 1;
    if (r.status != "ok" || !r.actual_label || day < out.from_day || day > out.to_day) continue;
    const json& in = v.inputs[i];
    for (auto& c : t.columns) {
      if (c.name != target) push_cell(c, in.is_object() && in.contains(c.name) ? in[c.name] : json());
      else if (c.type == ColumnType::Categorical) push_cell(c, *r.actual_label);
      else c.values.push_back(std::strtod(r.actual_label->c_str(), nullptr));  // a 0/1 target kept as numbers
    }
    out.recent_inputs.push_back(in);
    out.recent_actual.push_back(*r.actual_label);
  }
  out.recent = out.recent_inputs.size();
  if (out.recent == 0)
    throw std::invalid_argument("endpoint '" + endpoint + "' has no requests with ground truth in days " + std::to_string(out.from_day) +
                                "-" + std::to_string(out.to_day) + "; simulate traffic (Monitor) or send monitor.ground_truth first");

  // An evenly spread sample of the reference, the same every time.
  const size_t wanted = std::min(ref.rows(), size_t(std::llround(reference_share * double(out.recent))));
  for (size_t k = 0; k < wanted; ++k) {
    const size_t row = k * ref.rows() / wanted;
    for (auto& c : t.columns) {
      const Column* src = ref.find(c.name);
      double x = src->values[row];
      if (c.type == ColumnType::Categorical && !std::isnan(x)) push_cell(c, src->categories[size_t(x)]);
      else c.values.push_back(x);
    }
  }
  out.reference = wanted;

  auto [generator, seed] = generator_of(champion_run);
  out.data.name = generator.empty() ? "retraining data" : generator;  // keeps the generator for traffic and drift
  out.data.seed = seed;
  out.data.source = "job";
  out.data.process = std::to_string(out.recent) + " labelled requests of " + endpoint + " (days " + std::to_string(out.from_day) + "-" +
                     std::to_string(out.to_day) + ") and " + std::to_string(wanted) + " rows of the champion's training data";
  out.data.table = std::move(t);
  return out;
}

double accuracy_on(const Session& s, const std::string& run_id, const std::vector<json>& inputs, const std::vector<std::string>& actual) {
  if (inputs.empty()) return 0;
  Predictor p(json::parse(s.store().read_artifact(run_id, "model/model.json")));
  json records = json::array();
  for (const auto& in : inputs) records.push_back(in.is_object() ? in : json::object());
  json out = p.predict_records(records);
  size_t right = 0;
  for (size_t i = 0; i < actual.size() && i < out.size(); ++i) right += class_label(out[i]["prediction"]) == actual[i] ? 1 : 0;
  return double(right) / double(actual.size());
}

}  // namespace lab
