#pragma once
// UI state of the runs explorer, shared by its parts (table, details, compare view). Derived
// data (filtered + sorted rows, known keys) is cached and rebuilt only when the run cache's
// version, the filter, the sort or the view changes, never per frame.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "core/track/search_filter.hpp"

namespace lab::app::runs {

struct Rows {
  std::vector<const Run*> runs;              // filtered and sorted; valid until the cache version changes
  // Runs a search made (tag mlflow.parentRunId) sit under their parent: per row, its depth (0 or
  // 1) and how many runs are nested under it; the nested rows are in `runs` only while their
  // parent is expanded.
  std::vector<int> depth;
  std::vector<size_t> nested;
  size_t folded = 0;                         // matching runs hidden under a collapsed parent
  std::vector<std::string> param_keys, metric_keys;  // over every run in view, sorted
  std::string error;                         // the filter's error, if any
  size_t error_pos = 0;
  size_t total = 0;                          // runs in view before filtering
};

struct ExplorerState {
  // Inputs the user controls.
  char filter[512] = "";
  bool show_deleted = false;
  std::vector<OrderKey> sort;                // from the table's sort specs
  std::set<std::string> selected;            // run ids (multi-select)
  std::set<std::string> expanded;            // parent runs whose nested runs are shown
  std::string focus, anchor;                 // the run shown in details; start of a shift-range
  int narrow_table = -1;                     // the runs table's last layout: 1 narrow, 0 wide, -1 not drawn yet
  std::vector<std::string> param_columns, metric_columns;
  bool columns_chosen = false;               // false: pick sensible defaults once keys are known
  int tab = 0;                               // 0 table, 1 compare

  // Commands are queued while drawing and run after the frame's drawing, so no row pointer is
  // used after a write changed the cache.
  std::vector<nlohmann::json> pending;
  std::string message, error;                // the last action's outcome

  // Derived, cached.
  Rows rows;
  uint64_t rows_version = 0;
  std::string rows_key;

  void refresh_rows(const Session& s);
  void nest(const std::vector<const Run*>& sorted, Rows& r) const;
  bool is_selected(const std::string& id) const { return selected.count(id) > 0; }
};

}  // namespace lab::app::runs
