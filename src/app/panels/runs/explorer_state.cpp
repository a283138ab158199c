#include "app/panels/runs/explorer_state.hpp"

#include <algorithm>
#include <map>

namespace lab::app::runs {

// One level: a run whose parent is in view (and is not nested itself) goes under it, in the
// sort order; the rest are top-level rows.
void ExplorerState::nest(const std::vector<const Run*>& sorted, Rows& r) const {
  std::map<std::string, const Run*> by_id;
  for (const Run* run : sorted) by_id[run->info.run_id] = run;
  auto parent_of = [&](const Run* run) -> const Run* {
    const auto p = run->tags.find("mlflow.parentRunId");
    if (p == run->tags.end() || p->second == run->info.run_id) return nullptr;
    const auto it = by_id.find(p->second);
    return it == by_id.end() ? nullptr : it->second;
  };
  std::map<std::string, std::vector<const Run*>> children;
  std::vector<const Run*> top;
  for (const Run* run : sorted) {
    const Run* parent = parent_of(run);
    if (parent && !parent_of(parent)) children[parent->info.run_id].push_back(run);
    else top.push_back(run);
  }
  for (const Run* run : top) {
    const auto kids = children.find(run->info.run_id);
    const size_t n = kids == children.end() ? 0 : kids->second.size();
    r.runs.push_back(run);
    r.depth.push_back(0);
    r.nested.push_back(n);
    if (n == 0) continue;
    if (!expanded.count(run->info.run_id)) {
      r.folded += n;
      continue;
    }
    for (const Run* kid : kids->second) {
      r.runs.push_back(kid);
      r.depth.push_back(1);
      r.nested.push_back(0);
    }
  }
}

void ExplorerState::refresh_rows(const Session& s) {
  uint64_t version = s.run_cache().version();  // refreshes the cache first
  std::string key = std::string(filter) + "\x1f" + (show_deleted ? "d" : "a") + "\x1f" + s.experiment_id();
  for (const auto& o : sort) key += "\x1f" + std::string(to_string(o.entity)) + "." + o.key + (o.ascending ? "+" : "-");
  for (const auto& id : expanded) key += "\x1e" + id;
  if (version == rows_version && key == rows_key) return;
  rows_version = version;
  rows_key = key;

  const std::vector<Run>& source = show_deleted ? s.deleted_runs() : s.runs();
  Rows r;
  r.total = source.size();
  std::set<std::string> params, metrics;
  for (const auto& run : source) {
    for (const auto& [k, v] : run.params) params.insert(k);
    for (const auto& [k, v] : run.metrics) metrics.insert(k);
  }
  r.param_keys.assign(params.begin(), params.end());
  r.metric_keys.assign(metrics.begin(), metrics.end());
  RunFilter f;
  try {
    f = parse_run_filter(filter);
  } catch (const FilterError& e) {
    r.error = e.what();
    r.error_pos = e.position;
  }
  std::vector<const Run*> matching;
  for (const auto& run : source)
    if (!r.error.empty() || f.matches(run)) matching.push_back(&run);
  std::vector<const Run*> sorted;
  for (size_t i : sorted_order(matching, sort)) sorted.push_back(matching[i]);
  nest(sorted, r);
  rows = std::move(r);

  // Keep selections that still exist; drop ids that vanished (deleted from view, filtered keep).
  std::set<std::string> alive;
  for (const auto& run : source) alive.insert(run.info.run_id);
  for (auto it = selected.begin(); it != selected.end();) it = alive.count(*it) ? std::next(it) : selected.erase(it);
  if (!columns_chosen && !rows.param_keys.empty()) {
    param_columns.clear();
    metric_columns.clear();
    for (const auto& k : rows.param_keys) if (param_columns.size() < 6) param_columns.push_back(k);
    // Summary metrics first: final scores read better than per-step losses.
    for (const char* pref : {"roc_auc", "accuracy", "log_loss", "auc", "rmse"})
      if (std::count(rows.metric_keys.begin(), rows.metric_keys.end(), pref)) metric_columns.push_back(pref);
    for (const auto& k : rows.metric_keys)
      if (metric_columns.size() < 6 && !std::count(metric_columns.begin(), metric_columns.end(), k)) metric_columns.push_back(k);
    columns_chosen = true;
  }
}

}  // namespace lab::app::runs
