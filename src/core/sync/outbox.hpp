#pragma once
// The sync outbox: an append-only journal of what should go up and how far it got. Every record
// is written (and made durable by the JournalFile) before the change it describes counts as
// acknowledged; replaying the records in order rebuilds the state after a crash, a reload or a
// browser restart, and the sync loop resumes where it stopped.
//
// Records (one JSON object per line):
//   {"t":"op","seq":N,"run":R}                 run R should go up (enqueued local change)
//   {"t":"exp","name":X,"id":E}                 remote experiment X is E
//   {"t":"creating","run":R}                    runs/create about to be sent (no answer yet)
//   {"t":"mapped","run":R,"remote":X,"exp":E,"artifact_uri":U}
//   {"t":"sending","run":R}                     log-batches of this push may go out from here on
//   {"t":"sent","run":R,"metrics":{key:count}}  acknowledged points per metric (absolute);
//                                               with "verified":true, read back from the server
//                                               (only that, or "done", ends a "sending" doubt)
//   {"t":"inputs","run":R}                      dataset inputs acknowledged
//   {"t":"artifact","run":R,"path":P,"size":S}  artifact uploaded
//   {"t":"stage","run":R,"stage":"deleted"|"active"}
//   {"t":"done","seq":N,"run":R,"fp":F}         op finished; F = the local content that went up
//   {"t":"failed","seq":N,"run":R,"kind":K,"reason":W}   op dropped (the run cannot go up as is)
//   {"t":"error","run":R,"kind":K,"reason":W}   last problem while the op stays queued
//   {"t":"model","name":M}                      registered model M exists on the server
//   {"t":"vcreating","model":M,"local":N}       model-versions/create about to be sent
//   {"t":"mversion","model":M,"local":N,"remote":V}   local version N is remote version V
//   {"t":"mstage","model":M,"local":N,"stage":S} / {"t":"malias","model":M,"alias":A,"local":N}
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lab::sync {

struct RunSyncState {
  std::string remote_run_id, remote_experiment_id, artifact_uri;
  bool creating = false;   // runs/create was sent but its answer never recorded
  bool uncertain = false;  // log-batches went out in this push: after a restart, count on the server first
  std::map<std::string, size_t> metrics_sent;
  std::map<std::string, uint64_t> artifacts_sent;  // path -> size
  bool inputs_sent = false;
  std::string remote_stage = "active";
  std::string synced_fp;             // the local content of the last finished push
  std::string error_kind, error;     // the last problem (cleared when a push finishes)
};

struct OutboxOp {
  uint64_t seq = 0;
  std::string run_id;
};

// Where records live: a file natively, the same file on IDBFS in the browser, memory in tests.
class JournalFile {
 public:
  virtual ~JournalFile() = default;
  virtual std::vector<std::string> read_lines() = 0;
  virtual void append_line(const std::string& line) = 0;  // durable when it returns
  virtual void replace_all(const std::vector<std::string>& lines) = 0;  // atomic
};

class MemoryJournalFile : public JournalFile {
 public:
  std::vector<std::string> lines;
  std::vector<std::string> read_lines() override { return lines; }
  void append_line(const std::string& line) override { lines.push_back(line); }
  void replace_all(const std::vector<std::string>& l) override { lines = l; }
};

// The registry's side: which models exist remotely and how local versions map to remote ones.
struct VersionSyncState {
  std::string remote_version, stage;
  bool creating = false;
};
struct ModelSyncState {
  bool created = false;
  std::map<int, VersionSyncState> versions;   // by local version number
  std::map<std::string, int> aliases;         // alias -> local version, as last sent
};

class Outbox {
 public:
  explicit Outbox(JournalFile& file);  // replays what the file holds

  // Writes the record, then applies it (so state never runs ahead of the journal).
  void record(const nlohmann::json& rec);
  // Adds an op for the run unless one is already queued. Returns true if added.
  bool enqueue(const std::string& run_id);

  const std::vector<OutboxOp>& pending() const { return pending_; }
  // Engines pushing at once (the tab's sync lanes) each take a different op: the first pending
  // one nobody holds. Held in memory only: after a restart every op is free again, and the
  // journal's per-run records say how far each got. An op is let go when it is done or failed.
  std::optional<OutboxOp> claim_next();
  const std::map<std::string, RunSyncState>& runs() const { return runs_; }
  const RunSyncState* run(const std::string& run_id) const;
  std::string experiment_id(const std::string& name) const;
  const std::map<std::string, ModelSyncState>& models() const { return models_; }
  void forget_experiment(const std::string& name);

  // Rewrites the journal as the records that rebuild the current state (drops history).
  void compact();
  size_t records_replayed() const { return replayed_; }
  size_t lines_skipped() const { return skipped_; }  // a torn last line after a crash

 private:
  void apply(const nlohmann::json& rec);
  JournalFile& file_;
  std::vector<OutboxOp> pending_;
  std::set<uint64_t> claimed_;  // seqs of ops an engine is pushing
  std::map<std::string, RunSyncState> runs_;
  std::map<std::string, std::string> experiments_;
  std::map<std::string, ModelSyncState> models_;
  uint64_t next_seq_ = 1;
  size_t replayed_ = 0, skipped_ = 0;
};

}  // namespace lab::sync
