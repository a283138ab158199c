#include "platform/web/storage_sync.hpp"

#include <algorithm>

#include <emscripten.h>

#include <string>

namespace lab::web {

// FS.syncfs(false) copies the in-memory tree to IndexedDB and reports back.
EM_JS(void, js_syncfs_out, (), {
  FS.syncfs(false, function(err) {
    var msg = err ? String(err && err.message ? err.message : err) : "";
    if (err && (String(err).indexOf("Quota") >= 0 || (err.name && err.name.indexOf("Quota") >= 0))) msg = "quota";
    Module.ccall("lab_storage_flushed", null, ["number", "string"], [err ? 0 : 1, msg]);
  });
});

// One IndexedDB transaction that puts the files' entries and their folders' (so a reload can
// create them first), in the same form FS.syncfs would: the next whole-store flush finds them
// current. The paths come one per line and share one IDBFS mount.
EM_JS(void, js_persist_files, (int id, const char* paths_c), {
  var files = UTF8ToString(paths_c).split("\n"), reported = false;
  function report(err) {
    if (reported) return;
    reported = true;
    var msg = err ? String(err && err.message ? err.message : err) : "";
    Module.ccall("lab_file_persisted", null, ["number", "number", "string"], [id, err ? 0 : 1, msg]);
  }
  var mount;
  try { mount = FS.lookupPath(files[0]).node.mount; } catch (e) { report(e); return; }
  if (mount.type !== IDBFS) { report(null); return; }  // no lasting storage here: nothing to wait for
  var paths = [];  // every folder before the files in it, each once
  files.forEach(function(file) {
    var chain = [];
    for (var p = file; p.length > mount.mountpoint.length && p !== "/"; p = PATH.dirname(p)) chain.unshift(p);
    chain.forEach(function(p) { if (paths.indexOf(p) < 0) paths.push(p); });
  });
  IDBFS.getDB(mount.mountpoint, function(err, db) {
    if (err) { report(err); return; }
    var tx, failed = null;
    try { tx = db.transaction([IDBFS.DB_STORE_NAME], "readwrite"); } catch (e) { report(e); return; }
    var store = tx.objectStore(IDBFS.DB_STORE_NAME);
    tx.oncomplete = function() { report(failed); };
    tx.onerror = function(e) { failed = failed || tx.error || "IndexedDB error"; e.preventDefault(); };
    tx.onabort = function() { report(failed || tx.error || "the IndexedDB write was aborted"); };
    paths.forEach(function(p) {
      IDBFS.loadLocalEntry(p, function(err, entry) {
        if (err) { failed = failed || err; return; }
        IDBFS.storeRemoteEntry(store, p, entry, function(err) { if (err) failed = failed || err; });
      });
    });
  });
});

void StorageSync::loaded(const char* load_error) {
  if (load_error && *load_error) {
    available_ = false;
    status_.state = app::StorageStatus::State::Unavailable;
    status_.message = std::string("this browser blocks IndexedDB (") + load_error +
                      "); runs work but are lost on reload. Leave private browsing to keep them.";
    return;
  }
  status_.state = app::StorageStatus::State::Saved;
}

void StorageSync::changed() {
  if (!available_) return;
  last_change_ms_ = emscripten_get_now();
  if (!dirty_) first_change_ms_ = last_change_ms_;
  dirty_ = true;
  // Debounce (a training run writes every step), but save no later than 2 s after the first
  // unsaved change: a search logging a trial every few hundred milliseconds put the save off until
  // it ended, and a reload in the middle lost its trials.
  due_ms_ = std::min(last_change_ms_ + 400, first_change_ms_ + 2000);
  if (status_.state != app::StorageStatus::State::Error) status_.state = app::StorageStatus::State::Pending;
}

void StorageSync::files_changed(const std::vector<std::string>& paths) {
  if (!available_) return;
  files_dirty_.insert(paths.begin(), paths.end());
  files_due_ms_ = emscripten_get_now() + 400;
}

void StorageSync::tick(double now_ms) {
  if (dirty_ && !in_flight_ && now_ms >= due_ms_) start_flush();
  if (!files_dirty_.empty() && now_ms >= files_due_ms_) {
    std::vector<std::string> files(files_dirty_.begin(), files_dirty_.end());
    files_dirty_.clear();
    persist_files(files, [this](bool ok) {
      if (!ok) changed();  // the whole-store flush saves them, or says why it cannot
    });
  }
}

void StorageSync::flush_now() {
  if (!available_) return;
  if (in_flight_) { due_ms_ = 0; return; }  // the flush after this one picks it up
  start_flush();
}

void StorageSync::start_flush() {
  dirty_ = false;
  in_flight_ = true;
  if (status_.state != app::StorageStatus::State::Error) status_.state = app::StorageStatus::State::Saving;
  js_syncfs_out();
}

void StorageSync::flush_done(bool ok, const char* error) {
  in_flight_ = false;
  if (ok) {
    status_.message.clear();
    status_.last_saved_ms = int64_t(emscripten_get_now());
    status_.state = dirty_ ? app::StorageStatus::State::Pending : app::StorageStatus::State::Saved;
  } else {
    status_.state = app::StorageStatus::State::Error;
    // Short enough for the status bar: what happened, what is safe, what to do.
    std::string why = error && std::string(error) == "quota" ? "browser storage is full"
                                                              : std::string("saving failed (") + (error ? error : "unknown") + ")";
    status_.message = why + ": new runs are not saved yet, saved ones are safe. Free space or use Runs > Download; "
                            "saving retries.";
    dirty_ = true;  // retry on the next tick after a pause
    due_ms_ = emscripten_get_now() + 5000;
  }
}

void StorageSync::persist_files(const std::vector<std::string>& paths, std::function<void(bool)> done) {
  if (paths.empty()) return done(false);  // nothing named: the caller falls back to a whole flush
  std::string lines;
  for (const auto& p : paths) lines += (lines.empty() ? "" : "\n") + p;
  const int id = next_persist_id_++;
  persisted_[id] = std::move(done);
  js_persist_files(id, lines.c_str());
}

void StorageSync::file_persisted(int id, bool ok, const char* /*error*/) {
  // A failure leaves the caller to the whole-store flush, which reports storage problems.
  auto it = persisted_.find(id);
  if (it == persisted_.end()) return;
  auto done = std::move(it->second);
  persisted_.erase(it);
  if (done) done(ok);
}

}  // namespace lab::web
