#include "core/sync/outbox.hpp"

#include <algorithm>

namespace lab::sync {

using nlohmann::json;

Outbox::Outbox(JournalFile& file) : file_(file) {
  for (const std::string& line : file_.read_lines()) {
    if (line.empty()) continue;
    json rec = json::parse(line, nullptr, false);
    // A crash can tear the last line; everything before it still counts.
    if (!rec.is_object() || !rec.contains("t")) { ++skipped_; continue; }
    apply(rec);
    ++replayed_;
  }
}

void Outbox::record(const json& rec) {
  file_.append_line(rec.dump());
  apply(rec);
}

bool Outbox::enqueue(const std::string& run_id) {
  for (const auto& op : pending_)
    if (op.run_id == run_id) return false;
  record({{"t", "op"}, {"seq", next_seq_}, {"run", run_id}});
  return true;
}

std::optional<OutboxOp> Outbox::claim_next() {
  for (const OutboxOp& op : pending_)
    if (claimed_.insert(op.seq).second) return op;
  return std::nullopt;
}

const RunSyncState* Outbox::run(const std::string& run_id) const {
  auto it = runs_.find(run_id);
  return it == runs_.end() ? nullptr : &it->second;
}

std::string Outbox::experiment_id(const std::string& name) const {
  auto it = experiments_.find(name);
  return it == experiments_.end() ? "" : it->second;
}

void Outbox::forget_experiment(const std::string& name) { record({{"t", "exp"}, {"name", name}, {"id", ""}}); }

void Outbox::apply(const json& r) {
  const std::string t = r.value("t", "");
  const std::string id = r.value("run", "");
  auto drop_op = [&](uint64_t seq) {
    pending_.erase(std::remove_if(pending_.begin(), pending_.end(), [&](const OutboxOp& o) { return o.seq == seq; }),
                   pending_.end());
    claimed_.erase(seq);
  };
  if (t == "op") {
    uint64_t seq = r.value("seq", uint64_t(0));
    pending_.push_back({seq, id});
    next_seq_ = std::max(next_seq_, seq + 1);
    return;
  }
  if (t == "exp") {
    if (r.value("id", "").empty()) experiments_.erase(r.value("name", ""));
    else experiments_[r.value("name", "")] = r.value("id", "");
    return;
  }
  if (t == "model" || t == "vcreating" || t == "mversion" || t == "mstage" || t == "malias") {
    ModelSyncState& m = models_[r.value(t == "model" ? "name" : "model", "")];
    const int local = r.value("local", 0);
    if (t == "model") m.created = true;
    else if (t == "vcreating") m.versions[local].creating = true;
    else if (t == "mversion") m.versions[local] = {r.value("remote", ""), m.versions[local].stage, false};
    else if (t == "mstage") m.versions[local].stage = r.value("stage", "");
    else m.aliases[r.value("alias", "")] = local;
    return;
  }
  if (id.empty()) return;  // a header or a record from a newer lab: nothing to rebuild
  RunSyncState& s = runs_[id];
  if (t == "creating") {
    s.creating = true;
  } else if (t == "mapped") {
    s.creating = false;
    s.remote_run_id = r.value("remote", "");
    s.remote_experiment_id = r.value("exp", "");
    s.artifact_uri = r.value("artifact_uri", "");
    if (r.contains("stage")) s.remote_stage = r.value("stage", "active");
  } else if (t == "sending") {
    s.uncertain = true;
  } else if (t == "sent") {
    // The doubt a "sending" raised lasts until the push ends or the server's counts were read:
    // later batches of the same push go out without a record of their own (see SyncEngine).
    if (r.value("verified", false)) s.uncertain = false;
    if (r.contains("metrics"))
      for (const auto& [k, v] : r["metrics"].items()) s.metrics_sent[k] = v.get<size_t>();
  } else if (t == "inputs") {
    s.inputs_sent = true;
  } else if (t == "artifact") {
    s.artifacts_sent[r.value("path", "")] = r.value("size", uint64_t(0));
  } else if (t == "stage") {
    s.remote_stage = r.value("stage", "active");
  } else if (t == "done") {
    drop_op(r.value("seq", uint64_t(0)));
    s.uncertain = false;
    s.synced_fp = r.value("fp", "");
    s.error.clear();
    s.error_kind.clear();
  } else if (t == "failed") {
    drop_op(r.value("seq", uint64_t(0)));
    s.error_kind = r.value("kind", "");
    s.error = r.value("reason", "");
  } else if (t == "error") {
    s.error_kind = r.value("kind", "");
    s.error = r.value("reason", "");
  }
}

void Outbox::compact() {
  std::vector<std::string> lines;
  for (const auto& [name, eid] : experiments_) lines.push_back(json{{"t", "exp"}, {"name", name}, {"id", eid}}.dump());
  for (const auto& [id, s] : runs_) {
    if (s.creating) lines.push_back(json{{"t", "creating"}, {"run", id}}.dump());
    if (!s.remote_run_id.empty())
      lines.push_back(json{{"t", "mapped"}, {"run", id}, {"remote", s.remote_run_id}, {"exp", s.remote_experiment_id},
                           {"artifact_uri", s.artifact_uri}, {"stage", s.remote_stage}}
                          .dump());
    if (!s.metrics_sent.empty()) lines.push_back(json{{"t", "sent"}, {"run", id}, {"metrics", s.metrics_sent}}.dump());
    if (s.uncertain) lines.push_back(json{{"t", "sending"}, {"run", id}}.dump());  // keep the doubt
    if (s.inputs_sent) lines.push_back(json{{"t", "inputs"}, {"run", id}}.dump());
    for (const auto& [p, size] : s.artifacts_sent)
      lines.push_back(json{{"t", "artifact"}, {"run", id}, {"path", p}, {"size", size}}.dump());
    if (!s.synced_fp.empty()) lines.push_back(json{{"t", "done"}, {"seq", 0}, {"run", id}, {"fp", s.synced_fp}}.dump());
    if (!s.error.empty()) lines.push_back(json{{"t", "error"}, {"run", id}, {"kind", s.error_kind}, {"reason", s.error}}.dump());
  }
  for (const auto& [name, m] : models_) {
    if (m.created) lines.push_back(json{{"t", "model"}, {"name", name}}.dump());
    for (const auto& [n, v] : m.versions) {
      if (v.creating) lines.push_back(json{{"t", "vcreating"}, {"model", name}, {"local", n}}.dump());
      if (!v.remote_version.empty())
        lines.push_back(json{{"t", "mversion"}, {"model", name}, {"local", n}, {"remote", v.remote_version}}.dump());
      if (!v.stage.empty()) lines.push_back(json{{"t", "mstage"}, {"model", name}, {"local", n}, {"stage", v.stage}}.dump());
    }
    for (const auto& [a, n] : m.aliases) lines.push_back(json{{"t", "malias"}, {"model", name}, {"alias", a}, {"local", n}}.dump());
  }
  for (const auto& op : pending_) lines.push_back(json{{"t", "op"}, {"seq", op.seq}, {"run", op.run_id}}.dump());
  file_.replace_all(lines);
}

}  // namespace lab::sync
