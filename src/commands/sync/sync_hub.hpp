#pragma once
// Sync with the room's MLflow from a front end that must not block (the tab): the same SyncEngine,
// outbox journal and answer wording as `lab sync`, plus "Test connection" and the Room's run
// list, driven by whatever transport the platform has. The platform asks for requests
// (sync.next_request) until there is none, sends them, and hands each answer back (sync.deliver);
// what to send, backoff and what an answer means are decided here.
//
// Runs go up in kSyncLanes lanes: one engine per lane, each pushing a different run from the same
// outbox, so one run's round trips overlap another's (the tab spends tens of milliseconds between
// an answer and its next request; MLflow's server answers several requests at once). Test
// connection and the Room each have at most one request out, beside the lanes.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands/sync/connection_probe.hpp"
#include "commands/sync/room_fetch.hpp"
#include "commands/sync/sync_settings.hpp"
#include "core/track/clock.hpp"
#include "io/sync/journal_file.hpp"
#include "io/sync/sync_engine.hpp"

namespace lab {

// One exchange as the platform sends it: an absolute URL and the Authorization header to add.
// durable_first: the outbox recorded a step for this request (runs/create, a log-batch) that must
// be in lasting storage before it goes out, or a reload could send it twice; a transport whose
// writes are not durable at once (the tab's IndexedDB flush) waits for it.
struct OutgoingRequest {
  uint64_t id = 0;
  std::string method, url, body, content_type, authorization;
  bool durable_first = false;
  // With durable_first: the files a resume after a reload reads (the sync settings, which name
  // the target, and its outbox journal); they must be in lasting storage before the request goes.
  std::vector<std::string> durable_paths{};
};

struct SyncProgress {
  std::string state = "idle";  // idle | syncing | waiting (backing off after a problem) | done | stopped
  std::string error, error_kind;  // the last problem, in words ("" after a clean finish)
  size_t requests = 0, retries = 0, runs_sent = 0, runs_failed = 0;
  int64_t started_ms = 0, finished_ms = 0;
};

class SyncHub {
 public:
  SyncHub(const FileStore& store, std::filesystem::path store_root, const Clock& clock);
  // Called after each write to the sync folder (the browser saves files_written() to IndexedDB).
  void set_on_write(std::function<void()> cb);
  // What those writes touch: the settings file and the open outbox journal.
  std::vector<std::string> files_written() const;

  // Validates and keeps the settings (written beside the store; the password only with remember).
  void configure(SyncSettings s);
  const SyncSettings& settings() const { return settings_; }
  // The address to offer when nothing was configured (the page's own origin in the tab).
  void set_default_url(std::string url) { default_url_ = std::move(url); }
  const std::string& default_url() const { return default_url_; }

  void start_test();
  // Queues every run of the local experiment whose content changed since it last went up and
  // starts sending. Returns how many were queued now.
  size_t start_sync(const std::string& local_experiment_id);
  void start_room(const std::string& experiment);

  static constexpr size_t kSyncLanes = 2;
  // An exchange to send now, or nullopt (nothing more to do, backing off, or every lane waits
  // for an answer). Call again until nullopt: several may be out at once.
  std::optional<OutgoingRequest> next_request();
  void deliver(uint64_t id, const sync::HttpResponse& r);
  bool in_flight() const { return !in_flight_.empty(); }

  const SyncProgress& progress() const { return progress_; }
  const ConnectionReport& connection() const { return probe_.report(); }
  const RoomSnapshot& room() const { return room_.snapshot(); }
  // The run's state for the runs table: not synced (local only), pending, synced, failed + reason.
  sync::RunSyncView view(const RunInfo& run) const;
  size_t pending() const { return outbox_ ? outbox_->pending().size() : 0; }
  size_t synced_count(const std::vector<RunInfo>& runs) const;

 private:
  enum class Who { Probe, Room, Sync };
  struct Flight {
    Who who;
    size_t lane = 0;  // for Sync
  };
  void open_outbox();
  void require_configured(const char* what) const;
  OutgoingRequest outgoing(const sync::HttpRequest& rq, Who who, size_t lane = 0);
  bool busy(Who who, size_t lane = 0) const;
  bool any_lane_stopped() const;
  size_t finished_now() const;
  size_t failed_now() const;
  void forget_sync_flights();
  void count_runs();

  const FileStore& store_;
  std::filesystem::path root_;
  const Clock& clock_;
  std::function<void()> on_write_;
  SyncSettings settings_;
  std::string default_url_;
  ConnectionProbe probe_;
  RoomFetch room_;
  std::unique_ptr<sync::FileJournal> journal_;
  std::unique_ptr<sync::Outbox> outbox_;
  std::vector<std::unique_ptr<sync::SyncEngine>> lanes_;  // [0] is the lead (finds the experiment)
  SyncProgress progress_;
  int64_t retry_at_ms_ = 0, backoff_ms_ = 250;
  uint64_t next_id_ = 1;
  std::map<uint64_t, Flight> in_flight_;  // by request id
  uint64_t journal_writes_ = 0;
  size_t finished_base_ = 0, failed_base_ = 0;  // the lanes' counts when this sync started
};

}  // namespace lab
