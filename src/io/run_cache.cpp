#include "io/run_cache.hpp"

#include <algorithm>

namespace lab {
namespace {

bool newer_first(const Run& a, const Run& b) {
  return a.info.start_time != b.info.start_time ? a.info.start_time > b.info.start_time : a.info.run_id < b.info.run_id;
}

void erase_id(std::vector<Run>& v, const std::string& id) {
  v.erase(std::remove_if(v.begin(), v.end(), [&](const Run& r) { return r.info.run_id == id; }), v.end());
}

void insert_sorted(std::vector<Run>& v, Run r) {
  auto at = std::lower_bound(v.begin(), v.end(), r, newer_first);
  v.insert(at, std::move(r));
}

}  // namespace

void RunCache::set_experiment(const std::string& experiment_id) {
  if (experiment_id == experiment_id_) return;
  experiment_id_ = experiment_id;
  all_dirty_ = true;
}

void RunCache::on_change(const StoreChange& c) {
  if (c.run_id.empty()) {
    all_dirty_ = true;
  } else if (c.experiment_id == experiment_id_) {
    dirty_runs_.insert(c.run_id);
    if (!c.content_only) members_dirty_ = true;
  }
}

size_t RunCache::active_count() const {
  if (all_dirty_ || members_dirty_) refresh();
  return active_.size();
}

void RunCache::refresh() const {
  if (all_dirty_) {
    reload_all();
  } else if (!dirty_runs_.empty()) {
    for (const auto& id : dirty_runs_) reload_run(id);
    ++version_;
  }
  dirty_runs_.clear();
  all_dirty_ = false;
  members_dirty_ = false;
}

void RunCache::reload_all() const {
  active_.clear();
  deleted_.clear();
  for (const auto& info : store_.list_runs(experiment_id_, ViewType::All)) {
    try {
      Run r = store_.get_run(info.run_id);
      ++run_reads_;
      (r.info.lifecycle_stage == "deleted" ? deleted_ : active_).push_back(std::move(r));
    } catch (const std::exception&) {
      // A run with a malformed file is left out rather than hiding every other run.
    }
  }
  ++version_;
  ++full_reloads_;
}

void RunCache::reload_run(const std::string& id) const {
  erase_id(active_, id);
  erase_id(deleted_, id);
  try {
    Run r = store_.get_run(id);
    ++run_reads_;
    if (r.info.experiment_id != experiment_id_) return;
    std::vector<Run>& into = r.info.lifecycle_stage == "deleted" ? deleted_ : active_;  // before r is moved
    insert_sorted(into, std::move(r));
  } catch (const std::exception&) {
  }
}

}  // namespace lab
