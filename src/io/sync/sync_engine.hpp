#pragma once
// The sync loop's brain: turns queued local runs into MLflow REST requests, one at a time, and
// records every acknowledged step in the outbox. It never sends anything itself: `next()` gives
// the request, the platform's transport sends it (cpp-httplib natively, fetch in the tab), and
// `receive()` takes the answer. So the same planning runs in both, synchronously or not.
//
// Per run: experiment by name (the oldest active one of the name, created if missing), remote run (the mapping; after a
// crash between runs/create and its answer, runs/search by the lab.run_id tag first), metric
// counts checked with get-history after an unanswered log-batch, log-batch chunks, log-inputs,
// artifacts through /api/2.0/mlflow-artifacts/artifacts/..., runs/update (status, end time,
// name), delete/restore.
#include <optional>
#include <string>
#include <vector>

#include "core/sync/batch_plan.hpp"
#include "core/sync/experiment_lookup.hpp"
#include "core/sync/outbox.hpp"
#include "core/sync/sync_error.hpp"
#include "core/sync/transport.hpp"
#include "io/file_store.hpp"

namespace lab::sync {

struct SyncTarget {
  std::string server_url;       // as typed; for messages
  std::string experiment_name;  // remote experiment, created if missing
  std::string user;             // mlflow.user on the server; "" keeps each run's own
};

enum class RunState { NotSynced, Pending, Synced, Failed };
const char* to_string(RunState s);

struct RunSyncView {
  RunState state = RunState::NotSynced;
  std::string reason;  // for Failed (and Pending after a problem)
  std::string remote_run_id;
};

class SyncEngine {
 public:
  // Several engines may push from one outbox at once, each its own run (Outbox::claim_next).
  // Only the lead looks the experiment up (and creates it); the others wait until it is known,
  // so one client never creates the room's experiment twice at once.
  SyncEngine(const FileStore& store, Outbox& outbox, SyncTarget target, bool lead = true);

  // Queues every run of the local experiment (active and deleted) whose content differs from
  // what last went up. Returns how many were queued.
  size_t enqueue_changed(const std::string& local_experiment_id);
  bool enqueue(const std::string& run_id) { return outbox_.enqueue(run_id); }

  // The request to send now; the same one again until receive() gets an answer that moves on.
  // nullopt: the outbox is empty, or sync stopped on a problem only the participant can fix.
  std::optional<HttpRequest> next();
  void receive(const HttpResponse& response);

  const SyncError& last_error() const { return last_error_; }  // of the last answer
  bool stopped() const { return stopped_; }
  void resume() { stopped_ = false; }
  size_t pending() const { return outbox_.pending().size(); }
  size_t finished_now() const { return finished_; }  // runs that finished a push in this engine
  size_t failed_now() const { return failed_; }
  const SyncTarget& target() const { return target_; }

  RunSyncView view(const RunInfo& run) const;
  // What the run's content looks like to the outbox (changes when anything to sync changes).
  std::string fingerprint(const Run& run, const std::vector<std::pair<std::string, uint64_t>>& artifacts) const;

 private:
  enum class Phase { Start, FindExperiment, CreateExperiment, Search, Create, Restore, Verify, Batches, Inputs,
                     Artifacts, Update, Delete, Finish };
  void load_op(const OutboxOp& op);
  void advance_phase();
  std::optional<HttpRequest> build();
  void handle_ok(const nlohmann::json& body);
  void fail_op(const SyncError& e);
  std::string what() const;
  const RunSyncState& state() const;
  std::string remote_artifact_path(const std::string& rel) const;

  const FileStore& store_;
  Outbox& outbox_;
  SyncTarget target_;
  bool lead_ = true;
  SyncError last_error_;
  bool stopped_ = false;
  size_t finished_ = 0, failed_ = 0;

  // The op in hand.
  std::optional<OutboxOp> op_;
  Phase phase_ = Phase::Start;
  Run run_;
  bool run_missing_ = false;
  std::vector<std::pair<std::string, uint64_t>> artifacts_;
  RunContent content_;
  BatchCursor cursor_;
  // This process raised the push's "sending" doubt itself, so cursor_ knows exactly what went
  // out: no need to count on the server (that is for a doubt found in the journal at start).
  bool own_doubt_ = false;
  std::optional<PlannedBatch> batch_;
  std::vector<std::string> verify_keys_;
  std::map<std::string, size_t> verified_;
  size_t verify_index_ = 0, artifact_index_ = 0;
  bool experiment_created_ = false;
  ExperimentMatch found_;  // the answer of the last FindExperiment
  std::optional<HttpRequest> outstanding_;
};

}  // namespace lab::sync
