#include "commands/sync/sync_hub.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "core/sync/basic_auth.hpp"

namespace lab {

namespace {
constexpr int64_t kFirstBackoffMs = 250, kMaxBackoffMs = 15000;
}

SyncHub::SyncHub(const FileStore& store, std::filesystem::path store_root, const Clock& clock)
    : store_(store), root_(std::move(store_root)), clock_(clock) {
  std::ifstream f(settings_path(root_));
  if (f) settings_ = settings_from_json(nlohmann::json::parse(f, nullptr, false));
  if (settings_.configured()) {
    open_outbox();
    // A sync cut short by a reload or a closed tab goes on where it stopped.
    if (pending() > 0) progress_.state = "syncing";
  }
}

void SyncHub::set_on_write(std::function<void()> cb) { on_write_ = std::move(cb); }

void SyncHub::configure(SyncSettings s) {
  s = validated(std::move(s));
  // A new server, experiment or user is a new outbox; a sync going on stops (its queue stays for
  // when that target comes back) and the answer in flight, if any, is ignored.
  const bool same_target = s.url == settings_.url && s.experiment == settings_.experiment && s.user == settings_.user;
  settings_ = s;
  auto path = settings_path(root_);
  std::filesystem::create_directories(path.parent_path());
  {
    std::ofstream f(path, std::ios::trunc);
    f << to_stored_json(settings_).dump(2);
    if (!f) throw std::runtime_error("cannot save the sync settings to " + path.string());
  }
  if (on_write_) on_write_();
  if (!same_target || !engine_) {
    open_outbox();
    progress_ = {};
    if (in_flight_who_ == Who::Sync) {
      in_flight_id_ = 0;
      in_flight_who_ = Who::None;
    }
  }
}

void SyncHub::open_outbox() {
  engine_.reset();
  outbox_.reset();
  journal_ = std::make_unique<sync::FileJournal>(sync::outbox_path(root_, settings_.url, settings_.experiment));
  journal_->set_on_write([this] {
    ++journal_writes_;
    if (on_write_) on_write_();
  });
  outbox_ = std::make_unique<sync::Outbox>(*journal_);
  engine_ = std::make_unique<sync::SyncEngine>(store_, *outbox_, sync::SyncTarget{settings_.url, settings_.experiment, settings_.user});
  finished_base_ = failed_base_ = 0;
}

void SyncHub::require_configured(const char* what) const {
  if (!settings_.configured())
    throw std::invalid_argument(std::string("set the server URL and experiment first (sync.configure), then ") + what);
}

void SyncHub::start_test() {
  require_configured("test the connection");
  probe_.start(settings_);
}

size_t SyncHub::start_sync(const std::string& local_experiment_id) {
  require_configured("sync");
  size_t queued = engine_->enqueue_changed(local_experiment_id);
  engine_->resume();
  progress_.state = "syncing";
  progress_.error.clear();
  progress_.error_kind.clear();
  progress_.started_ms = clock_.now_ms();
  progress_.requests = progress_.retries = progress_.runs_sent = progress_.runs_failed = 0;
  finished_base_ = engine_->finished_now();
  failed_base_ = engine_->failed_now();
  retry_at_ms_ = 0;
  backoff_ms_ = kFirstBackoffMs;
  return queued;
}

void SyncHub::start_room(const std::string& experiment) {
  require_configured("open the room");
  room_.start(settings_, experiment.empty() ? settings_.experiment : experiment);
}

OutgoingRequest SyncHub::outgoing(const sync::HttpRequest& rq, Who who) {
  in_flight_id_ = next_id_++;
  in_flight_who_ = who;
  return {in_flight_id_, rq.method, settings_.url + rq.path, rq.body, rq.content_type,
          sync::basic_auth_header(settings_.user, settings_.password)};
}

std::optional<OutgoingRequest> SyncHub::next_request() {
  if (in_flight_id_) return std::nullopt;
  // The short jobs first: a click on Test connection or Refresh answers at once, between the
  // sync's requests.
  if (auto rq = probe_.next()) return outgoing(*rq, Who::Probe);
  if (auto rq = room_.next()) return outgoing(*rq, Who::Room);
  if (!engine_ || (progress_.state != "syncing" && progress_.state != "waiting")) return std::nullopt;
  if (clock_.now_ms() < retry_at_ms_) return std::nullopt;
  const uint64_t writes_before = journal_writes_;
  auto rq = engine_->next();
  count_runs();  // a run may finish inside next() (its last step needs no request)
  if (rq) {
    progress_.state = "syncing";
    OutgoingRequest out = outgoing(*rq, Who::Sync);
    out.durable_first = journal_writes_ != writes_before;
    if (out.durable_first) out.durable_paths = files_written();
    return out;
  }
  progress_.state = engine_->stopped() ? "stopped" : "done";
  progress_.finished_ms = clock_.now_ms();
  if (!engine_->stopped() && pending() == 0) outbox_->compact();
  return std::nullopt;
}

void SyncHub::deliver(uint64_t id, const sync::HttpResponse& r) {
  if (id == 0 || id != in_flight_id_) return;  // an answer to a request from before a reconfigure
  Who who = in_flight_who_;
  in_flight_id_ = 0;
  in_flight_who_ = Who::None;
  if (who == Who::Probe) return probe_.receive(r);
  if (who == Who::Room) return room_.receive(r, clock_.now_ms());
  if (who != Who::Sync || !engine_) return;
  ++progress_.requests;
  engine_->receive(r);
  count_runs();
  const sync::SyncError& e = engine_->last_error();
  if (e.scope == sync::ErrorScope::None) {
    backoff_ms_ = kFirstBackoffMs;
    return;
  }
  progress_.error = e.message;
  progress_.error_kind = e.kind;
  if (engine_->stopped()) {
    progress_.state = "stopped";
    progress_.finished_ms = clock_.now_ms();
  } else if (e.scope == sync::ErrorScope::Retry) {
    // Offline first: keep trying, ever more slowly; nothing local is touched meanwhile.
    progress_.state = "waiting";
    ++progress_.retries;
    retry_at_ms_ = clock_.now_ms() + backoff_ms_;
    backoff_ms_ = std::min(backoff_ms_ * 2, kMaxBackoffMs);
  }
}

std::vector<std::string> SyncHub::files_written() const {
  std::vector<std::string> files = {settings_path(root_).string()};
  if (journal_) files.push_back(journal_->path().string());
  return files;
}

void SyncHub::count_runs() {
  progress_.runs_sent = engine_->finished_now() - finished_base_;
  progress_.runs_failed = engine_->failed_now() - failed_base_;
}

sync::RunSyncView SyncHub::view(const RunInfo& run) const {
  if (!engine_) return {};
  return engine_->view(run);
}

size_t SyncHub::synced_count(const std::vector<RunInfo>& runs) const {
  size_t n = 0;
  for (const auto& r : runs) n += view(r).state == sync::RunState::Synced;
  return n;
}

}  // namespace lab
