#include "commands/serving_hub.hpp"

#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/pipeline/predictor.hpp"
#include "core/serve/batch_scoring.hpp"
#include "core/serve/request_presets.hpp"
#include "io/text_file.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace lab {

json EndpointConfig::to_json() const {
  return {{"name", name}, {"model", model}, {"alias", alias}, {"challenger_alias", challenger_alias},
          {"challenger_share", challenger_share}, {"fallback_version", fallback_version},
          {"out_of_range", out_of_range == OutOfRangePolicy::Reject ? "reject" : "warn"}};
}

EndpointConfig EndpointConfig::from_json(const json& j) {
  EndpointConfig c;
  c.name = j.value("name", "");
  c.model = j.value("model", "");
  c.alias = j.value("alias", "champion");
  c.challenger_alias = j.value("challenger_alias", "");
  c.challenger_share = j.value("challenger_share", 0.0);
  c.fallback_version = j.value("fallback_version", 0);
  c.out_of_range = j.value("out_of_range", "reject") == "warn" ? OutOfRangePolicy::Warn : OutOfRangePolicy::Reject;
  return c;
}

namespace {
// The Predictor's reply, in the response format of the workshop's API: prediction, class
// probabilities and the confidence in the predicted class.
json response_of(const Predictor& p, json out) {
  if (p.task() == Task::Binary && out.contains("probability")) {
    double p1 = out["probability"].get<double>();
    const auto& names = p.class_names();
    out["probabilities"] = {{names.size() > 0 ? names[0] : "0", 1 - p1}, {names.size() > 1 ? names[1] : "1", p1}};
    out["confidence"] = std::max(p1, 1 - p1);
  } else if (out.contains("probabilities")) {
    double best = 0;
    for (auto it = out["probabilities"].begin(); it != out["probabilities"].end(); ++it) best = std::max(best, it.value().get<double>());
    out["confidence"] = best;
  }
  return out;
}

bool valid_endpoint_name(const std::string& n) {
  if (n.empty() || n.size() > 64) return false;
  for (char c : n)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}
}  // namespace

ServingHub::ServingHub(fs::path root, FileStore& runs, const ModelHub& models, const Clock& clock)
    : root_(std::move(root)), runs_(runs), models_(models), clock_(clock) {
  // Endpoints deployed in an earlier visit come back on first use (their models load lazily).
  fs::path cfg = root_ / "endpoints.json";
  if (fs::exists(cfg)) {
    json j = json::parse(read_text_file(cfg), nullptr, false);
    if (j.is_array())
      for (const auto& c : j) {
        EndpointConfig e = EndpointConfig::from_json(c);
        if (valid_endpoint_name(e.name)) live_[e.name].config = e;
      }
  }
}

ServedModel ServingHub::load_version(const std::string& model, int version, std::shared_ptr<const bool> failing) {
  const RegisteredModel& m = models_.registry().model(model);
  const ModelVersion* v = m.find(version);
  if (!v) throw std::invalid_argument("model '" + model + "' has no version " + std::to_string(version));
  auto predictor = std::make_shared<Predictor>(json::parse(runs_.read_artifact(v->run_id, "model/model.json")));
  auto check = [failing] {
    if (failing && *failing) throw std::runtime_error("simulated failure (turn it off in Serve)");
  };
  ServedModel served{model, version, [predictor, check](const json& features) {
                       check();
                       return response_of(*predictor, predictor->predict_records(features)[0]);
                     }};
  served.score_many = [predictor, check](const json& list) {
    check();
    json out = predictor->predict_records(list);
    for (auto& o : out) o = response_of(*predictor, std::move(o));
    return out;
  };
  return served;
}

void ServingHub::refresh(Live& l) {
  const EndpointConfig& c = l.config;
  int primary = models_.registry().version_for_alias(c.model, c.alias);
  if (!l.endpoint) {
    const ModelVersion* v = models_.registry().model(c.model).find(primary);
    InferenceContract contract = InferenceContract::from_json(json::parse(runs_.read_artifact(v->run_id, "model/contract.json")));
    contract.out_of_range = c.out_of_range;
    auto steady = [] {
      using namespace std::chrono;
      return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
    };
    l.endpoint = std::make_unique<Endpoint>(c.name, contract, load_version(c.model, primary, l.failing),
                                            EndpointTimes{[this] { return clock_.now_ms(); }, steady}, seed_++);
    l.primary_version = primary;
    if (c.fallback_version > 0) l.endpoint->set_fallback(load_version(c.model, c.fallback_version, nullptr));
  } else if (primary != l.primary_version) {
    l.endpoint->set_primary(load_version(c.model, primary, l.failing));
    l.primary_version = primary;
  }
  int challenger = 0;
  if (!c.challenger_alias.empty() && models_.registry().model(c.model).aliases.count(c.challenger_alias))
    challenger = models_.registry().version_for_alias(c.model, c.challenger_alias);
  if (challenger != l.challenger_version) {
    l.endpoint->set_challenger(challenger ? std::optional<ServedModel>(load_version(c.model, challenger, nullptr)) : std::nullopt,
                               c.challenger_share);
    l.challenger_version = challenger;
  }
}

ServingHub::Live& ServingHub::live(const std::string& name) {
  auto it = live_.find(name);
  if (it == live_.end()) throw std::invalid_argument("no endpoint named '" + name + "'; deploy one in Serve first");
  refresh(it->second);
  return it->second;
}

json ServingHub::deploy(const EndpointConfig& c) {
  if (!valid_endpoint_name(c.name))
    throw std::invalid_argument("an endpoint name uses letters, digits, '-' and '_' (e.g. loan-api)");
  if (!(c.challenger_share >= 0 && c.challenger_share <= 1))
    throw std::invalid_argument("challenger_share must be between 0 and 1");
  models_.registry().version_for_alias(c.model, c.alias);  // must resolve now: clear error otherwise
  Live fresh;
  fresh.config = c;
  refresh(fresh);  // loads everything; throws before anything is replaced
  live_[c.name] = std::move(fresh);
  save_configs();
  return live_[c.name].endpoint->health();
}

json ServingHub::predict(const std::string& name, const json& request) {
  Live& l = live(name);
  json reply = l.endpoint->predict(request);
  append_log(name, l.endpoint->log().back());
  return reply;
}

json ServingHub::health(const std::string& name) { return live(name).endpoint->health(); }
json ServingHub::contract(const std::string& name) {
  Live& l = live(name);
  json j = l.endpoint->contract().to_json();
  j["example"] = l.endpoint->contract().example_request();
  return j;
}

void ServingHub::simulate_failure(const std::string& name, bool failing) { *live(name).failing = failing; }

std::vector<std::string> ServingHub::endpoints() const {
  std::vector<std::string> out;
  for (const auto& [n, l] : live_) out.push_back(n);
  return out;
}

json ServingHub::batch(const std::string& name, const std::string& csv_text) {
  Live& l = live(name);
  const ServedModel& model = l.endpoint->primary();
  BatchScorer scorer = [&model](const json& list) {
    if (model.score_many) return model.score_many(list);
    json out = json::array();
    for (const auto& f : list) out.push_back(model.score(f));
    return out;
  };
  json j = score_batch(l.endpoint->contract(), csv_text, scorer).to_json();
  j["model"] = model.name;
  j["version"] = model.version;
  return j;
}

json ServingHub::presets(const std::string& name) { return presets_json(live(name).endpoint->contract()); }

void ServingHub::save_configs() {
  json all = json::array();
  for (const auto& [n, l] : live_) all.push_back(l.config.to_json());
  write_text_file(root_ / "endpoints.json", all.dump(2));
  if (on_write_) on_write_();
}

void ServingHub::append_log(const std::string& endpoint, const RequestLogEntry& e) {
  json j = {{"request_id", e.request_id}, {"time_ms", e.time_ms}, {"inputs", e.inputs}, {"output", e.output},
            {"latency_ms", e.latency_ms}, {"model", e.model}, {"version", e.version}, {"variant", e.variant},
            {"status", e.status}};
  write_text_file(root_ / endpoint / "requests.jsonl", j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n", true);
  if (on_write_) on_write_();
}

json ServingHub::log(const std::string& endpoint, size_t limit) const {
  json out = json::array();
  fs::path p = root_ / endpoint / "requests.jsonl";
  if (!fs::exists(p)) return out;
  std::vector<std::string> lines;
  std::istringstream is(read_text_file(p));
  for (std::string line; std::getline(is, line);)
    if (!line.empty()) lines.push_back(line);
  for (size_t i = lines.size(); i-- > 0 && out.size() < limit;) {
    json j = json::parse(lines[i], nullptr, false);
    if (!j.is_discarded()) out.push_back(j);
  }
  return out;
}

}  // namespace lab
