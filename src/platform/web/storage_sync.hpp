#pragma once
// Flushes the IDBFS-mounted store to IndexedDB: debounced after writes, at once on request and
// when the page is hidden or closed. A failed flush (quota, private mode) is shown, and what
// was stored before stays: nothing is deleted, the next change retries.
#include <map>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "app/app_context.hpp"

namespace lab::web {

class StorageSync {
 public:
  explicit StorageSync(app::StorageStatus& status) : status_(status) {}
  void loaded(const char* load_error);      // after the initial IndexedDB -> memory sync
  void changed();                           // a store write happened
  // A write to a few known files (the sync's outbox and settings): they are saved on their own,
  // debounced like changed(), without the whole-store flush. During a sync this happens after
  // every answer; whole-store flushes then held every other IndexedDB write for seconds.
  void files_changed(const std::vector<std::string>& paths);
  void tick(double now_ms);                 // starts a debounced flush when due
  void flush_now();
  void flush_done(bool ok, const char* error);

  // Writes a few files (and the folders above them) to IndexedDB now, without the whole-store
  // flush, which walks every file of the store (seconds with thousands of runs). The sync uses it
  // before a request that must not go out twice. done(ok) comes back from JavaScript.
  void persist_files(const std::vector<std::string>& paths, std::function<void(bool)> done);
  void file_persisted(int id, bool ok, const char* error);

 private:
  void start_flush();
  app::StorageStatus& status_;
  bool available_ = true;
  bool dirty_ = false, in_flight_ = false;
  double due_ms_ = 0, last_change_ms_ = 0, first_change_ms_ = 0;  // first_: the first change not saved yet
  std::map<int, std::function<void(bool)>> persisted_;  // by id, waiting for file_persisted
  int next_persist_id_ = 1;
  std::set<std::string> files_dirty_;  // files_changed() paths not yet saved
  double files_due_ms_ = 0;
};

}  // namespace lab::web
