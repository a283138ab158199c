#include "io/sync/sync_engine.hpp"

#include <algorithm>

#include "io/md5.hpp"

namespace lab::sync {

using nlohmann::json;

namespace {

const std::string kApi = "/api/2.0/mlflow/";
const char* kTagLabRunId = "lab.run_id";

HttpRequest post(const std::string& endpoint, const json& body) {
  return {"POST", kApi + endpoint, body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json"};
}

HttpRequest get(const std::string& endpoint_and_query) { return {"GET", kApi + endpoint_and_query, "", ""}; }

json tag_list(const std::vector<std::pair<std::string, std::string>>& tags) {
  json out = json::array();
  for (const auto& [k, v] : tags) out.push_back({{"key", k}, {"value", v}});
  return out;
}

json body_json(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  return j.is_object() ? j : json::object();
}

}  // namespace

const char* to_string(RunState s) {
  switch (s) {
    case RunState::NotSynced: return "not synced";
    case RunState::Pending: return "pending";
    case RunState::Synced: return "synced";
    case RunState::Failed: return "failed";
  }
  return "?";
}

SyncEngine::SyncEngine(const FileStore& store, Outbox& outbox, SyncTarget target, bool lead)
    : store_(store), outbox_(outbox), target_(std::move(target)), lead_(lead) {}

std::string SyncEngine::fingerprint(const Run& run, const std::vector<std::pair<std::string, uint64_t>>& artifacts) const {
  json j = {{"stage", run.info.lifecycle_stage}, {"status", int(run.info.status)}, {"end", run.info.end_time},
            {"name", run.info.run_name}, {"params", run.params}, {"tags", run.tags}, {"user", target_.user},
            {"inputs", run.inputs.size()}};
  json m = json::object();
  for (const auto& [k, pts] : run.metrics) m[k] = pts.size();
  j["metrics"] = m;
  json a = json::array();
  for (const auto& [p, n] : artifacts) a.push_back({p, n});
  j["artifacts"] = a;
  return md5_hex(j.dump(-1, ' ', false, json::error_handler_t::replace));
}

size_t SyncEngine::enqueue_changed(const std::string& experiment_id) {
  size_t added = 0;
  for (const RunInfo& info : store_.list_runs(experiment_id, ViewType::All)) {
    const RunSyncState* s = outbox_.run(info.run_id);
    // A run deleted before it ever went up stays local.
    if (info.lifecycle_stage == "deleted" && (!s || (s->remote_run_id.empty() && !s->creating))) continue;
    Run run = store_.get_run(info.run_id);
    std::string fp = fingerprint(run, store_.list_artifact_files(info.run_id));
    if (s && s->synced_fp == fp) continue;
    if (outbox_.enqueue(info.run_id)) ++added;
  }
  return added;
}

RunSyncView SyncEngine::view(const RunInfo& info) const {
  RunSyncView v;
  const RunSyncState* s = outbox_.run(info.run_id);
  bool queued = std::any_of(outbox_.pending().begin(), outbox_.pending().end(),
                            [&](const OutboxOp& o) { return o.run_id == info.run_id; });
  if (s) v.remote_run_id = s->remote_run_id;
  if (queued) {
    // Waiting, maybe with the problem that holds it up (server down, credentials).
    v.state = RunState::Pending;
    if (s) v.reason = s->error;
    return v;
  }
  if (!s) return v;
  if (!s->error.empty()) {
    v.state = RunState::Failed;
    v.reason = s->error;
  } else if (!s->synced_fp.empty()) {
    v.state = RunState::Synced;
  }
  return v;
}

const RunSyncState& SyncEngine::state() const {
  static const RunSyncState empty;
  const RunSyncState* s = outbox_.run(op_->run_id);
  return s ? *s : empty;
}

void SyncEngine::load_op(const OutboxOp& op) {
  op_ = op;
  phase_ = Phase::Start;
  run_missing_ = false;
  run_ = Run{};
  artifacts_.clear();
  try {
    run_ = store_.get_run(op_->run_id);
    artifacts_ = store_.list_artifact_files(op_->run_id);
  } catch (const std::exception&) {
    run_missing_ = true;
  }
  content_ = RunContent{};
  for (const auto& kv : run_.params) content_.params.push_back(kv);
  std::map<std::string, std::string> tags = run_.tags;
  tags[kTagLabRunId] = op_->run_id;
  tags[kTagRunName] = run_.info.run_name;
  if (!target_.user.empty()) tags[kTagUser] = target_.user;
  for (const auto& kv : tags) content_.tags.push_back(kv);
  content_.metrics = run_.metrics;
  cursor_ = BatchCursor{};
  cursor_.metrics = state().metrics_sent;
  batch_.reset();
  verify_keys_.clear();
  verified_.clear();
  verify_index_ = artifact_index_ = 0;
  experiment_created_ = false;
  own_doubt_ = false;
}

std::string SyncEngine::what() const {
  const std::string run = op_ ? "run '" + run_.info.run_name + "'" : "the sync";
  switch (phase_) {
    case Phase::FindExperiment: return "looking up experiment '" + target_.experiment_name + "'";
    case Phase::CreateExperiment: return "creating experiment '" + target_.experiment_name + "'";
    case Phase::Search: return "looking for " + run + " on the server";
    case Phase::Create: return "creating " + run;
    case Phase::Restore: return "restoring " + run;
    case Phase::Verify: return "checking the metrics of " + run;
    case Phase::Batches: return "sending params, tags and metrics of " + run;
    case Phase::Inputs: return "sending the dataset of " + run;
    case Phase::Artifacts:
      return "uploading artifact '" + (artifact_index_ < artifacts_.size() ? artifacts_[artifact_index_].first : "") + "' of " + run;
    case Phase::Update: return "finishing " + run;
    case Phase::Delete: return "deleting " + run;
    default: return "syncing " + run;
  }
}

std::string SyncEngine::remote_artifact_path(const std::string& rel) const {
  std::string uri = state().artifact_uri;
  const std::string scheme = "mlflow-artifacts:";
  std::string path;
  if (uri.rfind(scheme, 0) == 0) {
    path = uri.substr(scheme.size());
  } else {
    auto at = uri.find("/api/2.0/mlflow-artifacts/artifacts/");
    if (at == std::string::npos) return "";
    path = uri.substr(at + std::string("/api/2.0/mlflow-artifacts/artifacts/").size());
  }
  // mlflow-artifacts:/1/abc/artifacts or mlflow-artifacts://host/1/abc/artifacts
  if (path.rfind("//", 0) == 0) {
    auto slash = path.find('/', 2);
    path = slash == std::string::npos ? "" : path.substr(slash);
  }
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  return "/api/2.0/mlflow-artifacts/artifacts/" + url_encode(path + "/" + rel, true);
}

void SyncEngine::fail_op(const SyncError& e) {
  outbox_.record({{"t", "failed"}, {"seq", op_->seq}, {"run", op_->run_id}, {"kind", e.kind}, {"reason", e.message}});
  ++failed_;
  op_.reset();
  outstanding_.reset();
}

std::optional<HttpRequest> SyncEngine::next() {
  if (stopped_) return std::nullopt;
  if (outstanding_) return outstanding_;
  outstanding_ = build();
  return outstanding_;
}

std::optional<HttpRequest> SyncEngine::build() {
  for (;;) {
    if (!op_) {
      if (!lead_ && outbox_.experiment_id(target_.experiment_name).empty()) return std::nullopt;
      std::optional<OutboxOp> op = outbox_.claim_next();
      if (!op) return std::nullopt;
      load_op(*op);
    }
    const RunSyncState& s = state();
    const bool mapped = !s.remote_run_id.empty();
    const bool local_deleted = run_.info.lifecycle_stage == "deleted";
    switch (phase_) {
      case Phase::Start: {
        if (run_missing_) {
          fail_op({ErrorScope::SkipRun, "missing", "the run is no longer in the local store"});
          continue;
        }
        if (local_deleted && !mapped && !s.creating) { phase_ = Phase::Finish; continue; }
        if (std::string why = oversized_value(content_); !why.empty()) {
          fail_op({ErrorScope::SkipRun, "oversized", why});
          continue;
        }
        if (mapped) phase_ = Phase::Restore;
        else if (outbox_.experiment_id(target_.experiment_name).empty()) phase_ = Phase::FindExperiment;
        else phase_ = s.creating ? Phase::Search : Phase::Create;
        continue;
      }
      case Phase::FindExperiment:
        return experiment_by_name_request(target_.experiment_name);
      case Phase::CreateExperiment:
        return post("experiments/create", {{"name", target_.experiment_name}});
      case Phase::Search: {
        std::string filter = "tags.`lab.run_id` = '" + op_->run_id + "'";
        return post("runs/search", {{"experiment_ids", {outbox_.experiment_id(target_.experiment_name)}},
                                    {"filter", filter}, {"run_view_type", "ALL"}, {"max_results", 10}});
      }
      case Phase::Create: {
        // One journal step, made lasting before runs/create goes out, covers the whole push: the
        // run may exist remotely (search by tag after a restart) and may hold metrics (count them).
        // The browser waits for an IndexedDB commit (~0.1 s) per such step, so fewer steps is the
        // tab's sync speed.
        outbox_.record({{"t", "creating"}, {"run", op_->run_id}});
        if (!content_.metrics.empty()) {
          outbox_.record({{"t", "sending"}, {"run", op_->run_id}});
          own_doubt_ = true;
        }
        std::vector<std::pair<std::string, std::string>> tags = {{kTagLabRunId, op_->run_id}, {kTagRunName, run_.info.run_name}};
        for (const char* k : {kTagUser, kTagSourceName, kTagSourceType}) {
          auto it = std::find_if(content_.tags.begin(), content_.tags.end(), [&](const auto& kv) { return kv.first == k; });
          if (it != content_.tags.end()) tags.push_back(*it);
        }
        json body = {{"experiment_id", outbox_.experiment_id(target_.experiment_name)},
                     {"run_name", run_.info.run_name}, {"start_time", run_.info.start_time}, {"tags", tag_list(tags)}};
        auto user = run_.tags.find(kTagUser);
        if (!target_.user.empty()) body["user_id"] = target_.user;
        else if (user != run_.tags.end()) body["user_id"] = user->second;
        return post("runs/create", body);
      }
      case Phase::Restore:
        if (!local_deleted && s.remote_stage == "deleted") return post("runs/restore", {{"run_id", s.remote_run_id}});
        phase_ = Phase::Verify;
        continue;
      case Phase::Verify:
        if (!s.uncertain || own_doubt_) { phase_ = Phase::Batches; continue; }
        if (verify_keys_.empty() && verify_index_ == 0) {
          for (const auto& [k, pts] : content_.metrics) {
            auto sent = s.metrics_sent.find(k);
            if (pts.size() > (sent == s.metrics_sent.end() ? 0 : sent->second)) verify_keys_.push_back(k);
          }
        }
        if (verify_index_ < verify_keys_.size())
          return get("metrics/get-history?run_id=" + url_encode(s.remote_run_id) + "&metric_key=" +
                     url_encode(verify_keys_[verify_index_]));
        outbox_.record({{"t", "sent"}, {"run", op_->run_id}, {"metrics", verified_}, {"verified", true}});
        for (const auto& [k, n] : verified_) cursor_.metrics[k] = n;
        phase_ = Phase::Batches;
        continue;
      case Phase::Batches:
        if (s.remote_stage == "deleted") { phase_ = Phase::Finish; continue; }
        batch_ = next_batch(s.remote_run_id, content_, cursor_);
        if (!batch_) { phase_ = Phase::Inputs; continue; }
        if (!batch_->body["metrics"].empty() && !s.uncertain) {
          outbox_.record({{"t", "sending"}, {"run", op_->run_id}});
          own_doubt_ = true;
        }
        return post("runs/log-batch", batch_->body);
      case Phase::Inputs: {
        if (s.inputs_sent || run_.inputs.empty()) { phase_ = Phase::Artifacts; continue; }
        json datasets = json::array();
        for (const DatasetInput& in : run_.inputs) {
          json d = {{"name", in.dataset.name}, {"digest", in.dataset.digest}, {"source_type", in.dataset.source_type},
                    {"source", in.dataset.source}};
          if (!in.dataset.schema.empty()) d["schema"] = in.dataset.schema;
          if (!in.dataset.profile.empty()) d["profile"] = in.dataset.profile;
          std::vector<std::pair<std::string, std::string>> tags(in.tags.begin(), in.tags.end());
          datasets.push_back({{"tags", tag_list(tags)}, {"dataset", d}});
        }
        return post("runs/log-inputs", {{"run_id", s.remote_run_id}, {"datasets", datasets}});
      }
      case Phase::Artifacts: {
        while (artifact_index_ < artifacts_.size()) {
          auto sent = s.artifacts_sent.find(artifacts_[artifact_index_].first);
          if (sent == s.artifacts_sent.end() || sent->second != artifacts_[artifact_index_].second) break;
          ++artifact_index_;
        }
        if (artifact_index_ >= artifacts_.size()) { phase_ = Phase::Update; continue; }
        std::string path = remote_artifact_path(artifacts_[artifact_index_].first);
        if (path.empty()) {
          fail_op({ErrorScope::SkipRun, "artifacts",
                   "the server keeps this run's artifacts at '" + s.artifact_uri +
                       "', which the lab cannot write to over HTTP; start mlflow server with artifact proxying "
                       "(--serve-artifacts, the default) and an experiment created through it"});
          continue;
        }
        std::string bytes;
        try {
          bytes = store_.read_artifact(op_->run_id, artifacts_[artifact_index_].first);
        } catch (const std::exception& e) {
          ++artifact_index_;  // vanished since the listing; the next push sees the new list
          continue;
        }
        return HttpRequest{"PUT", path, bytes, "application/octet-stream"};
      }
      case Phase::Update: {
        json body = {{"run_id", s.remote_run_id}, {"status", to_string(run_.info.status)}, {"run_name", run_.info.run_name}};
        if (run_.info.end_time >= 0) body["end_time"] = run_.info.end_time;
        return post("runs/update", body);
      }
      case Phase::Delete:
        if (local_deleted && s.remote_stage != "deleted") return post("runs/delete", {{"run_id", s.remote_run_id}});
        phase_ = Phase::Finish;
        continue;
      case Phase::Finish:
        outbox_.record({{"t", "done"}, {"seq", op_->seq}, {"run", op_->run_id}, {"fp", fingerprint(run_, artifacts_)}});
        ++finished_;
        op_.reset();
        continue;
    }
  }
}

void SyncEngine::receive(const HttpResponse& r) {
  if (!outstanding_ || !op_) return;
  const std::string code = mlflow_error_code(r.body);
  // Answers that are part of the plan, not problems.
  if (phase_ == Phase::FindExperiment) {
    found_ = read_experiment_by_name(r);
    if (found_.absent && !experiment_created_) {
      phase_ = Phase::CreateExperiment;
      outstanding_.reset();
      return;
    }
  }
  if (phase_ == Phase::CreateExperiment && r.status == 400 && code == "RESOURCE_ALREADY_EXISTS") {
    experiment_created_ = true;  // someone else's create won the race: read theirs
    phase_ = Phase::FindExperiment;
    outstanding_.reset();
    return;
  }
  if (phase_ == Phase::Create && r.status == 404 && code == "RESOURCE_DOES_NOT_EXIST") {
    outbox_.forget_experiment(target_.experiment_name);  // deleted for good on the server: find it anew
    phase_ = Phase::FindExperiment;
    outstanding_.reset();
    return;
  }
  SyncError e = classify(r, target_.server_url, what());
  last_error_ = e;
  if (e.scope == ErrorScope::None) {
    handle_ok(body_json(r.body));
    outstanding_.reset();
    return;
  }
  if (e.scope == ErrorScope::SkipRun) {
    fail_op(e);
    return;
  }
  // Retry and Stop keep the request for later; the run shows why it waits.
  if (state().error != e.message)
    outbox_.record({{"t", "error"}, {"run", op_->run_id}, {"kind", e.kind}, {"reason", e.message}});
  if (e.scope == ErrorScope::Stop) stopped_ = true;
}

void SyncEngine::handle_ok(const json& body) {
  const std::string id = op_->run_id;
  switch (phase_) {
    case Phase::FindExperiment: {
      if (found_.found == ExperimentMatch::Found::DeletedOnly) {
        last_error_ = {ErrorScope::Stop, "not_found",
                       "the experiment '" + target_.experiment_name + "' is deleted on the server at " + target_.server_url +
                           "; restore it there or choose another experiment name"};
        outbox_.record({{"t", "error"}, {"run", id}, {"kind", last_error_.kind}, {"reason", last_error_.message}});
        stopped_ = true;
        return;
      }
      if (!found_.understood) {
        last_error_ = {ErrorScope::Stop, "wrong_url",
                       "the server at " + target_.server_url + " answers, but not as MLflow does when asked for experiment '" +
                           target_.experiment_name + "'; check the server URL"};
        outbox_.record({{"t", "error"}, {"run", id}, {"kind", last_error_.kind}, {"reason", last_error_.message}});
        stopped_ = true;
        return;
      }
      if (found_.found == ExperimentMatch::Found::None) {  // created, yet not listed: ask again later
        last_error_ = {ErrorScope::Retry, "server_error",
                       "the server at " + target_.server_url + " created experiment '" + target_.experiment_name +
                           "' but does not list it yet; trying again"};
        return;
      }
      outbox_.record({{"t", "exp"}, {"name", target_.experiment_name}, {"id", found_.id}});
      phase_ = state().creating ? Phase::Search : Phase::Create;
      return;
    }
    case Phase::CreateExperiment:
      experiment_created_ = true;
      phase_ = Phase::FindExperiment;  // read back the one everybody agrees on (experiment_lookup.hpp)
      return;
    case Phase::Search:
    case Phase::Create: {
      json run;
      if (phase_ == Phase::Create) {
        run = body.value("run", json::object());
      } else {
        for (const json& r : body.value("runs", json::array()))
          for (const json& t : r["data"].value("tags", json::array()))
            if (t.value("key", "") == kTagLabRunId && t.value("value", "") == id && run.is_null()) run = r;
        if (run.is_null()) { phase_ = Phase::Create; return; }
      }
      json info = run.value("info", json::object());
      outbox_.record({{"t", "mapped"}, {"run", id}, {"remote", info.value("run_id", "")},
                      {"exp", info.value("experiment_id", "")}, {"artifact_uri", info.value("artifact_uri", "")},
                      {"stage", info.value("lifecycle_stage", "active")}});
      phase_ = Phase::Restore;
      return;
    }
    case Phase::Restore:
      outbox_.record({{"t", "stage"}, {"run", id}, {"stage", "active"}});
      phase_ = Phase::Verify;
      return;
    case Phase::Verify: {
      const std::string& key = verify_keys_[verify_index_];
      size_t remote = body.value("metrics", json::array()).size();
      verified_[key] = std::min(remote, content_.metrics[key].size());
      ++verify_index_;
      return;
    }
    case Phase::Batches:
      if (!batch_->body["metrics"].empty()) outbox_.record({{"t", "sent"}, {"run", id}, {"metrics", batch_->after.metrics}});
      cursor_ = batch_->after;
      batch_.reset();
      return;
    case Phase::Inputs:
      outbox_.record({{"t", "inputs"}, {"run", id}});
      phase_ = Phase::Artifacts;
      return;
    case Phase::Artifacts:
      outbox_.record({{"t", "artifact"}, {"run", id}, {"path", artifacts_[artifact_index_].first},
                      {"size", artifacts_[artifact_index_].second}});
      ++artifact_index_;
      return;
    case Phase::Update:
      phase_ = Phase::Delete;
      return;
    case Phase::Delete:
      outbox_.record({{"t", "stage"}, {"run", id}, {"stage", "deleted"}});
      phase_ = Phase::Finish;
      return;
    default:
      return;
  }
}

}  // namespace lab::sync
