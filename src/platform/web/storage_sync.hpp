#pragma once
// Flushes the IDBFS-mounted store to IndexedDB: debounced after writes, at once on request and
// when the page is hidden or closed. A failed flush (quota, private mode) is shown, and what
// was stored before stays: nothing is deleted, the next change retries.
#include <functional>
#include <string>
#include <vector>

#include "app/app_context.hpp"

namespace lab::web {

class StorageSync {
 public:
  explicit StorageSync(app::StorageStatus& status) : status_(status) {}
  void loaded(const char* load_error);      // after the initial IndexedDB -> memory sync
  void changed();                           // a store write happened
  void tick(double now_ms);                 // starts a debounced flush when due
  void flush_now();
  void flush_done(bool ok, const char* error);

  // Writes a few files (and the folders above them) to IndexedDB now, without the whole-store
  // flush, which walks every file of the store (seconds with thousands of runs). The sync uses it
  // before a request that must not go out twice. done(ok) comes back from JavaScript.
  void persist_files(const std::vector<std::string>& paths, std::function<void(bool)> done);
  void file_persisted(bool ok, const char* error);

 private:
  void start_flush();
  app::StorageStatus& status_;
  bool available_ = true;
  bool dirty_ = false, in_flight_ = false;
  double due_ms_ = 0, last_change_ms_ = 0;
  std::function<void(bool)> persisted_;  // waiting for file_persisted
};

}  // namespace lab::web
