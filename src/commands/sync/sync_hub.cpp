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
  if (!same_target || lanes_.empty()) {
    open_outbox();
    progress_ = {};
    forget_sync_flights();
  }
}

void SyncHub::open_outbox() {
  lanes_.clear();
  outbox_.reset();
  journal_ = std::make_unique<sync::FileJournal>(sync::outbox_path(root_, settings_.url, settings_.experiment));
  journal_->set_on_write([this] {
    ++journal_writes_;
    if (on_write_) on_write_();
  });
  outbox_ = std::make_unique<sync::Outbox>(*journal_);
  const sync::SyncTarget target{settings_.url, settings_.experiment, settings_.user};
  for (size_t lane = 0; lane < kSyncLanes; ++lane)
    lanes_.push_back(std::make_unique<sync::SyncEngine>(store_, *outbox_, target, /*lead=*/lane == 0));
  finished_base_ = failed_base_ = 0;
}

// Answers to these are ignored from now on (they belong to an outbox that is gone).
void SyncHub::forget_sync_flights() {
  for (auto it = in_flight_.begin(); it != in_flight_.end();)
    it = it->second.who == Who::Sync ? in_flight_.erase(it) : std::next(it);
}

bool SyncHub::busy(Who who, size_t lane) const {
  return std::any_of(in_flight_.begin(), in_flight_.end(),
                     [&](const auto& f) { return f.second.who == who && (who != Who::Sync || f.second.lane == lane); });
}

bool SyncHub::any_lane_stopped() const {
  return std::any_of(lanes_.begin(), lanes_.end(), [](const auto& e) { return e->stopped(); });
}

size_t SyncHub::finished_now() const {
  size_t n = 0;
  for (const auto& e : lanes_) n += e->finished_now();
  return n;
}

size_t SyncHub::failed_now() const {
  size_t n = 0;
  for (const auto& e : lanes_) n += e->failed_now();
  return n;
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
  size_t queued = lanes_[0]->enqueue_changed(local_experiment_id);
  for (auto& e : lanes_) e->resume();
  progress_.state = "syncing";
  progress_.error.clear();
  progress_.error_kind.clear();
  progress_.started_ms = clock_.now_ms();
  progress_.requests = progress_.retries = progress_.runs_sent = progress_.runs_failed = 0;
  finished_base_ = finished_now();
  failed_base_ = failed_now();
  retry_at_ms_ = 0;
  backoff_ms_ = kFirstBackoffMs;
  return queued;
}

void SyncHub::start_room(const std::string& experiment) {
  require_configured("open the room");
  room_.start(settings_, experiment.empty() ? settings_.experiment : experiment);
}

OutgoingRequest SyncHub::outgoing(const sync::HttpRequest& rq, Who who, size_t lane) {
  const uint64_t id = next_id_++;
  in_flight_[id] = {who, lane};
  return {id, rq.method, settings_.url + rq.path, rq.body, rq.content_type,
          sync::basic_auth_header(settings_.user, settings_.password)};
}

std::optional<OutgoingRequest> SyncHub::next_request() {
  // The short jobs first: a click on Test connection or Refresh answers at once, beside the
  // sync's requests.
  if (!busy(Who::Probe))
    if (auto rq = probe_.next()) return outgoing(*rq, Who::Probe);
  if (!busy(Who::Room))
    if (auto rq = room_.next()) return outgoing(*rq, Who::Room);
  if (lanes_.empty() || (progress_.state != "syncing" && progress_.state != "waiting")) return std::nullopt;
  if (clock_.now_ms() < retry_at_ms_) return std::nullopt;
  // A problem only the participant can fix (credentials, URL, CORS) holds every lane.
  const bool stopped = any_lane_stopped();
  for (size_t lane = 0; lane < lanes_.size() && !stopped; ++lane) {
    if (busy(Who::Sync, lane)) continue;
    const uint64_t writes_before = journal_writes_;
    auto rq = lanes_[lane]->next();
    count_runs();  // a run may finish inside next() (its last step needs no request)
    if (!rq) continue;
    progress_.state = "syncing";
    OutgoingRequest out = outgoing(*rq, Who::Sync, lane);
    out.durable_first = journal_writes_ != writes_before;
    if (out.durable_first) out.durable_paths = files_written();
    return out;
  }
  if (std::any_of(in_flight_.begin(), in_flight_.end(), [](const auto& f) { return f.second.who == Who::Sync; }))
    return std::nullopt;  // the sync goes on when an answer comes
  progress_.state = stopped ? "stopped" : "done";
  progress_.finished_ms = clock_.now_ms();
  if (!stopped && pending() == 0) outbox_->compact();
  return std::nullopt;
}

void SyncHub::deliver(uint64_t id, const sync::HttpResponse& r) {
  auto flight = in_flight_.find(id);
  if (flight == in_flight_.end()) return;  // an answer to a request from before a reconfigure
  const Flight f = flight->second;
  in_flight_.erase(flight);
  if (f.who == Who::Probe) return probe_.receive(r);
  if (f.who == Who::Room) return room_.receive(r, clock_.now_ms());
  if (f.lane >= lanes_.size()) return;
  sync::SyncEngine& engine = *lanes_[f.lane];
  ++progress_.requests;
  engine.receive(r);
  count_runs();
  const sync::SyncError& e = engine.last_error();
  if (e.scope == sync::ErrorScope::None) {
    backoff_ms_ = kFirstBackoffMs;
    return;
  }
  progress_.error = e.message;
  progress_.error_kind = e.kind;
  if (engine.stopped()) {
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
  progress_.runs_sent = finished_now() - finished_base_;
  progress_.runs_failed = failed_now() - failed_base_;
}

sync::RunSyncView SyncHub::view(const RunInfo& run) const {
  if (lanes_.empty()) return {};
  return lanes_[0]->view(run);
}

size_t SyncHub::synced_count(const std::vector<RunInfo>& runs) const {
  size_t n = 0;
  for (const auto& r : runs) n += view(r).state == sync::RunState::Synced;
  return n;
}

}  // namespace lab
