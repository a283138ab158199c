#include "io/sync/registry_sync.hpp"

namespace lab::sync {

using nlohmann::json;

namespace {

const std::string kApi = "/api/2.0/mlflow/";
const char* kVersionTag = "lab.model_version";  // "<local run id>:<local version>"

std::string version_key(const ModelVersion& v) { return v.run_id + ":" + std::to_string(v.version); }

}  // namespace

RegistrySync::RegistrySync(std::map<std::string, RegisteredModel> models, Outbox& outbox, SyncTarget target)
    : models_(std::move(models)), outbox_(outbox), target_(std::move(target)) {
  for (const auto& [name, m] : models_) {
    tasks_.push_back({Kind::Model, name, "", 0});
    for (const auto& v : m.versions) {
      tasks_.push_back({Kind::Version, name, "", v.version});
      if (v.stage != "None") tasks_.push_back({Kind::Stage, name, "", v.version});
    }
    for (const auto& [alias, n] : m.aliases) tasks_.push_back({Kind::Alias, name, alias, n});
  }
}

std::optional<HttpRequest> RegistrySync::next() {
  if (stopped_) return std::nullopt;
  if (!outstanding_) outstanding_ = build();
  return outstanding_;
}

std::optional<HttpRequest> RegistrySync::build() {
  for (; index_ < tasks_.size(); ++index_, searching_ = false) {
    const Task& t = tasks_[index_];
    const RegisteredModel& m = models_.at(t.model);
    auto known = outbox_.models().find(t.model);
    const ModelSyncState* state = known == outbox_.models().end() ? nullptr : &known->second;
    auto remote_of = [&](int local) -> std::string {
      if (!state) return "";
      auto it = state->versions.find(local);
      return it == state->versions.end() ? "" : it->second.remote_version;
    };
    if (t.kind == Kind::Model) {
      if (state && state->created) continue;
      return HttpRequest{"POST", kApi + "registered-models/create", json{{"name", t.model}, {"description", m.description}}.dump(),
                         "application/json"};
    }
    const ModelVersion* v = m.find(t.local);
    if (!v) continue;
    const std::string remote = remote_of(t.local);
    if (t.kind == Kind::Version) {
      if (!remote.empty()) continue;
      const RunSyncState* run = outbox_.run(v->run_id);
      if (!run || run->remote_run_id.empty()) { ++waiting_; continue; }  // its run has not gone up
      bool creating = state && state->versions.count(t.local) && state->versions.at(t.local).creating;
      if (creating && !searching_) {
        searching_ = true;
        return HttpRequest{"GET", kApi + "model-versions/search?filter=" + url_encode("name='" + t.model + "'") + "&max_results=10000",
                           "", ""};
      }
      outbox_.record({{"t", "vcreating"}, {"model", t.model}, {"local", t.local}});
      json body = {{"name", t.model}, {"source", run->artifact_uri + "/model"}, {"run_id", run->remote_run_id},
                   {"description", v->description}, {"tags", {{{"key", kVersionTag}, {"value", version_key(*v)}}}}};
      return HttpRequest{"POST", kApi + "model-versions/create", body.dump(), "application/json"};
    }
    if (remote.empty()) continue;  // its version could not go up (yet)
    if (t.kind == Kind::Stage) {
      if (state->versions.at(t.local).stage == v->stage) continue;
      return HttpRequest{"POST", kApi + "model-versions/transition-stage",
                         json{{"name", t.model}, {"version", remote}, {"stage", v->stage}, {"archive_existing_versions", false}}.dump(),
                         "application/json"};
    }
    auto a = state->aliases.find(t.alias);
    if (a != state->aliases.end() && a->second == t.local) continue;
    return HttpRequest{"POST", kApi + "registered-models/alias",
                       json{{"name", t.model}, {"alias", t.alias}, {"version", remote}}.dump(), "application/json"};
  }
  return std::nullopt;
}

void RegistrySync::receive(const HttpResponse& r) {
  if (!outstanding_ || index_ >= tasks_.size()) return;
  const Task t = tasks_[index_];
  const std::string code = mlflow_error_code(r.body);
  std::string what = "registering model '" + t.model + "'";
  if (t.kind != Kind::Model) what += " version " + std::to_string(t.local);
  last_error_ = (t.kind == Kind::Model && r.status == 400 && code == "RESOURCE_ALREADY_EXISTS") ? SyncError{}
                                                                                               : classify(r, target_.server_url, what);
  if (last_error_.scope == ErrorScope::Retry) return;  // the same request again
  if (last_error_.scope == ErrorScope::Stop) { stopped_ = true; return; }
  outstanding_.reset();
  if (last_error_.scope == ErrorScope::SkipRun) {
    problems_.push_back(last_error_.message);
    ++index_;
    searching_ = false;
    return;
  }
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object()) body = json::object();
  const ModelVersion* v = models_.at(t.model).find(t.local);
  switch (t.kind) {
    case Kind::Model:
      outbox_.record({{"t", "model"}, {"name", t.model}});
      break;
    case Kind::Version:
      if (searching_) {
        for (const json& mv : body.value("model_versions", json::array()))
          for (const json& tag : mv.value("tags", json::array()))
            if (tag.value("key", "") == kVersionTag && tag.value("value", "") == version_key(*v)) {
              outbox_.record({{"t", "mversion"}, {"model", t.model}, {"local", t.local}, {"remote", mv.value("version", "")}});
              break;
            }
        // Found: done with this task; not found: build() creates it (searching_ stays set).
        auto st = outbox_.models().find(t.model);
        if (st == outbox_.models().end() || st->second.versions.at(t.local).remote_version.empty()) return;
        break;
      }
      outbox_.record({{"t", "mversion"}, {"model", t.model}, {"local", t.local},
                      {"remote", body.value("model_version", json::object()).value("version", "")}});
      break;
    case Kind::Stage:
      outbox_.record({{"t", "mstage"}, {"model", t.model}, {"local", t.local}, {"stage", v->stage}});
      break;
    case Kind::Alias:
      outbox_.record({{"t", "malias"}, {"model", t.model}, {"alias", t.alias}, {"local", t.local}});
      break;
  }
  ++index_;
  searching_ = false;
}

}  // namespace lab::sync
