#pragma once
// Parsed runs of one experiment, kept in memory and refreshed incrementally: a write to one run
// rereads only that run; only experiment-level changes (switching, import, delete) reread all.
// The runs explorer draws every frame from here instead of rereading files.
#include <set>
#include <string>
#include <vector>

#include "io/file_store.hpp"

namespace lab {

class RunCache {
 public:
  explicit RunCache(const FileStore& store) : store_(store) {}

  void set_experiment(const std::string& experiment_id);
  const std::string& experiment() const { return experiment_id_; }
  void on_change(const StoreChange& change);

  // Newest first (start_time desc, run_id asc). Refreshes what changed since the last call.
  const std::vector<Run>& active() const { refresh(); return active_; }
  const std::vector<Run>& deleted() const { refresh(); return deleted_; }
  // How many active runs, rereading nothing when only runs' contents changed since the last
  // refresh (a training run logging steps): what the status bar shows every frame.
  size_t active_count() const;
  // Bumped whenever the content changes, so views can cache what they derive.
  uint64_t version() const { refresh(); return version_; }
  size_t full_reloads() const { return full_reloads_; }
  size_t run_reads() const { return run_reads_; }  // runs read from the store so far

 private:
  void refresh() const;
  void reload_all() const;
  void reload_run(const std::string& run_id) const;

  const FileStore& store_;
  std::string experiment_id_ = "0";
  mutable std::vector<Run> active_, deleted_;
  mutable bool all_dirty_ = true;
  mutable bool members_dirty_ = true;  // a run was created, deleted or restored
  mutable std::set<std::string> dirty_runs_;
  mutable uint64_t version_ = 0;
  mutable size_t full_reloads_ = 0;
  mutable size_t run_reads_ = 0;
};

}  // namespace lab
