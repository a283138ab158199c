#pragma once
// The Room view's data: every run of the remote experiment, fetched page by page (runs/search),
// as `lab room` reads it. Planned here, sent by the platform's transport.
#include <optional>
#include <string>
#include <vector>

#include "commands/sync/sync_settings.hpp"
#include "core/sync/leaderboard.hpp"
#include "core/sync/transport.hpp"

namespace lab {

struct RoomSnapshot {
  std::string state = "idle";  // idle | loading | ready | failed
  std::string experiment, experiment_id, error;
  std::vector<sync::RemoteRun> runs;
  int pages = 0;
  int64_t loaded_at_ms = 0;
};

class RoomFetch {
 public:
  void start(const SyncSettings& s, const std::string& experiment, int page_size = 1000);
  std::optional<sync::HttpRequest> next() const;
  void receive(const sync::HttpResponse& r, int64_t now_ms);
  const RoomSnapshot& snapshot() const { return shown_; }

 private:
  SyncSettings settings_;
  RoomSnapshot loading_, shown_;  // the table keeps the last good list while a refresh loads
  std::string token_;
  int page_size_ = 1000;
  int step_ = -1;  // 0: the experiment by name (experiment_lookup.hpp), 1: runs/search pages, -1: idle
};

}  // namespace lab
