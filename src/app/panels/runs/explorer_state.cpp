#include "app/panels/runs/explorer_state.hpp"

#include <algorithm>

namespace lab::app::runs {

void ExplorerState::refresh_rows(const Session& s) {
  uint64_t version = s.run_cache().version();  // refreshes the cache first
  std::string key = std::string(filter) + "\x1f" + (show_deleted ? "d" : "a") + "\x1f" + s.experiment_id();
  for (const auto& o : sort) key += "\x1f" + std::string(to_string(o.entity)) + "." + o.key + (o.ascending ? "+" : "-");
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
  for (size_t i : sorted_order(matching, sort)) r.runs.push_back(matching[i]);
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
