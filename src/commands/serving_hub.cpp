#include "commands/serving_hub.hpp"

#include <chrono>
#include <cmath>
#include <fstream>
#include <set>
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
          {"served_version", served_version}, {"out_of_range", out_of_range == OutOfRangePolicy::Reject ? "reject" : "warn"}};
}

EndpointConfig EndpointConfig::from_json(const json& j) {
  EndpointConfig c;
  c.name = j.value("name", "");
  c.model = j.value("model", "");
  c.alias = j.value("alias", "champion");
  c.challenger_alias = j.value("challenger_alias", "");
  c.challenger_share = j.value("challenger_share", 0.0);
  c.fallback_version = j.value("fallback_version", 0);
  c.served_version = j.value("served_version", 0);
  c.out_of_range = j.value("out_of_range", "reject") == "warn" ? OutOfRangePolicy::Warn : OutOfRangePolicy::Reject;
  return c;
}

namespace {
// The Predictor's reply, in the response format of the workshop's API: prediction, class
// probabilities and the confidence in the predicted class.
json response_of(const Predictor& p, const ContractTarget& target, json out) {
  // What the predicted class means ("1" -> "loan approved"), where the data says so.
  if (out.contains("prediction") && out["prediction"].is_string()) {
    std::string meaning = target.meaning_of(out["prediction"].get<std::string>());
    if (!meaning.empty()) out["prediction_meaning"] = meaning;
  }
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

ServingHub::ServingHub(fs::path root, FileStore& runs, const ModelHub& models, const Clock& clock, uint64_t entropy)
    : root_(std::move(root)), runs_(runs), models_(models), clock_(clock), prefixes_(entropy) {
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
  auto target = std::make_shared<ContractTarget>(contract_of(model, version).target);
  auto check = [failing] {
    if (failing && *failing) throw std::runtime_error("simulated failure (turn it off in Serve)");
  };
  ServedModel served{model, version, [predictor, target, check](const json& features) {
                       check();
                       return response_of(*predictor, *target, predictor->predict_records(features)[0]);
                     }};
  served.score_many = [predictor, target, check](const json& list) {
    check();
    json out = predictor->predict_records(list);
    for (auto& o : out) o = response_of(*predictor, *target, std::move(o));
    return out;
  };
  return served;
}

InferenceContract ServingHub::contract_of(const std::string& model, int version) const {
  const ModelVersion* v = models_.registry().model(model).find(version);
  if (!v) throw std::invalid_argument("model '" + model + "' has no version " + std::to_string(version));
  return InferenceContract::from_json(json::parse(runs_.read_artifact(v->run_id, "model/contract.json")));
}

// A prefix no entry of the endpoint's log carries, so ids stay unique across sessions; the
// log's entries also give the counts to carry over.
std::string ServingHub::fresh_id_prefix(const std::string& endpoint, RequestCounts& counts) {
  std::set<std::string> used;
  fs::path p = root_ / endpoint / "requests.jsonl";
  if (fs::exists(p)) {
    std::istringstream is(read_text_file(p));
    for (std::string line; std::getline(is, line);) {
      json j = json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      counts.add(j.value("status", ""), j.value("variant", ""));
      std::string id = j.value("request_id", "");
      size_t dash = id.find('-', 4);
      if (id.rfind("req-", 0) == 0 && dash != std::string::npos) used.insert(id.substr(4, dash - 4));
    }
  }
  static const char* hex = "0123456789abcdef";
  for (;;) {
    uint64_t v = prefixes_.next_u64();
    std::string prefix;
    for (int s = 28; s >= 0; s -= 4) prefix += hex[(v >> s) & 15];
    if (!used.count(prefix)) return prefix;
  }
}

void ServingHub::start(Live& l, int version) {
  const EndpointConfig& c = l.config;
  InferenceContract contract = contract_of(c.model, version);
  contract.out_of_range = c.out_of_range;
  auto steady = [] {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
  };
  auto endpoint = std::make_unique<Endpoint>(c.name, contract, load_version(c.model, version, l.failing),
                                             EndpointTimes{[this] { return clock_.now_ms(); }, steady}, seed_++);
  RequestCounts counts;
  endpoint->set_request_id_prefix(fresh_id_prefix(c.name, counts));
  endpoint->restore_counts(counts);
  if (c.fallback_version > 0) endpoint->set_fallback(load_version(c.model, c.fallback_version, nullptr));
  l.endpoint = std::move(endpoint);
  l.primary_version = version;
}

std::string ServingHub::contract_mismatch(const Live& l, int version, const std::string& alias) {
  ModelSignature serving = signature_of(l.endpoint->contract()), candidate = signature_of(contract_of(l.config.model, version));
  std::vector<std::string> diffs = signature_differences(serving, candidate);
  if (diffs.empty()) return "";
  std::string why;
  for (const auto& d : diffs) why += (why.empty() ? "" : "; ") + d;
  return "@" + alias + " points at " + l.config.model + " v" + std::to_string(version) + ", which " + candidate.summary() +
         ", but this endpoint's contract " + serving.summary() + " (" + why + "). Still serving v" +
         std::to_string(l.primary_version) + ". Move @" + alias + " back, or deploy v" + std::to_string(version) +
         " on an endpoint of its own.";
}

void ServingHub::refresh(Live& l) {
  const EndpointConfig& c = l.config;
  const RegisteredModel& m = models_.registry().model(c.model);
  int wanted = 0;
  if (m.aliases.count(c.alias)) wanted = m.aliases.at(c.alias);
  else if (!l.endpoint && !(c.served_version > 0 && m.find(c.served_version)))
    models_.registry().version_for_alias(c.model, c.alias);  // throws the usual "no alias" message
  if (!l.endpoint) {
    // After a reload, start from what was served; then follow the alias if its contract allows.
    bool served_known = c.served_version > 0 && m.find(c.served_version);
    start(l, served_known ? c.served_version : wanted);
  }
  l.refused = nullptr;
  if (wanted == 0) {
    l.refused = {{"alias", c.alias}, {"version", nullptr},
                 {"reason", "@" + c.alias + " was removed from " + c.model + "; still serving v" + std::to_string(l.primary_version) + "."}};
  } else if (wanted != l.primary_version) {
    std::string why = contract_mismatch(l, wanted, c.alias);
    if (why.empty()) {
      l.endpoint->set_primary(load_version(c.model, wanted, l.failing));
      l.primary_version = wanted;
    } else {
      l.refused = {{"alias", c.alias}, {"version", wanted}, {"reason", why}};
    }
  }
  if (l.config.served_version != l.primary_version) {
    l.config.served_version = l.primary_version;
    save_configs();
  }
  int challenger = 0;
  l.challenger_refused = nullptr;
  if (!c.challenger_alias.empty() && m.aliases.count(c.challenger_alias)) {
    challenger = m.aliases.at(c.challenger_alias);
    std::string why = contract_mismatch(l, challenger, c.challenger_alias);
    if (!why.empty()) {
      l.challenger_refused = {{"alias", c.challenger_alias}, {"version", challenger}, {"reason", why}};
      challenger = 0;
    }
  }
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

json ServingHub::deploy(const EndpointConfig& c, bool replace) {
  auto existing = live_.find(c.name);
  if (existing != live_.end() && !replace) {
    const EndpointConfig& old = existing->second.config;
    throw std::invalid_argument("endpoint '" + c.name + "' is live, serving " + old.model + " @" + old.alias +
                                (old.served_version > 0 ? " (v" + std::to_string(old.served_version) + ")" : "") +
                                "; deploying would replace it. Confirm the replacement (replace: true) or choose another endpoint name.");
  }
  if (!valid_endpoint_name(c.name))
    throw std::invalid_argument("an endpoint name uses letters, digits, '-' and '_' (e.g. loan-api)");
  if (!(c.challenger_share >= 0 && c.challenger_share <= 1))
    throw std::invalid_argument("challenger_share must be between 0 and 1");
  models_.registry().version_for_alias(c.model, c.alias);  // must resolve now: clear error otherwise
  Live fresh;
  fresh.config = c;
  fresh.config.served_version = 0;  // a new deployment serves what the alias points at now
  refresh(fresh);  // loads everything; throws before anything is replaced
  live_[c.name] = std::move(fresh);
  save_configs();
  return health(c.name);
}

json ServingHub::predict(const std::string& name, const json& request) {
  Live& l = live(name);
  json reply = l.endpoint->predict(request);
  append_log(name, l.endpoint->log().back());
  return reply;
}

json ServingHub::predict_at(const std::string& name, const json& request, int64_t at_ms, const json& log_extra) {
  Live& l = live(name);
  json reply = l.endpoint->predict(request, at_ms);
  append_log(name, l.endpoint->log().back(), log_extra);
  return reply;
}

json ServingHub::health(const std::string& name) {
  Live& l = live(name);
  json h = l.endpoint->health();
  h["follows"] = {{"model", l.config.model}, {"alias", l.config.alias}};
  if (!l.refused.is_null()) h["alias_refused"] = l.refused;
  if (!l.challenger_refused.is_null()) h["challenger_refused"] = l.challenger_refused;
  if (auto c = l.endpoint->contract().target; !c.task.empty()) h["predicts"] = {{"target", c.name}, {"task", c.task}};
  return h;
}
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

const EndpointConfig* ServingHub::config(const std::string& endpoint) const {
  auto it = live_.find(endpoint);
  return it == live_.end() ? nullptr : &it->second.config;
}

json ServingHub::endpoints_json() const {
  json out = json::array();
  for (const auto& [n, l] : live_) {
    json e = {{"name", n}, {"model", l.config.model}, {"alias", l.config.alias},
              {"version", l.endpoint ? l.primary_version : l.config.served_version}};
    if (!l.refused.is_null()) e["alias_refused"] = l.refused;
    out.push_back(e);
  }
  return out;
}

std::vector<std::string> ServingHub::served_by(const std::string& model, int version) const {
  std::vector<std::string> out;
  for (const auto& [n, l] : live_) {
    if (l.config.model != model) continue;
    int v = l.endpoint ? l.primary_version : l.config.served_version;
    if (v == 0) {  // an endpoint saved before served versions were kept: it follows its alias
      const auto& models = models_.registry().models();
      auto m = models.find(model);
      if (m != models.end() && m->second.aliases.count(l.config.alias)) v = m->second.aliases.at(l.config.alias);
    }
    if (v == version) out.push_back(n);
  }
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

void ServingHub::append_log(const std::string& endpoint, const RequestLogEntry& e, const json& extra) {
  json j = {{"request_id", e.request_id}, {"time_ms", e.time_ms}, {"inputs", e.inputs}, {"output", e.output},
            {"latency_ms", e.latency_ms}, {"model", e.model}, {"version", e.version}, {"variant", e.variant},
            {"status", e.status}};
  if (extra.is_object())
    for (auto it = extra.begin(); it != extra.end(); ++it) j[it.key()] = it.value();
  std::string line = j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  if (appender_) return appender_(root_ / endpoint / "requests.jsonl", std::move(line));
  write_text_file(root_ / endpoint / "requests.jsonl", line, true);
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
