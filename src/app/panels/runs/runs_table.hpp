#pragma once
#include "app/panels/runs/explorer_state.hpp"

namespace lab::app::runs {

// The runs table: sortable columns (name, status, start, duration, dataset, chosen params and
// metrics), multi-select (click, ctrl-click, shift-click, checkboxes), virtualised rows.
void draw_runs_table(AppContext& ctx, ExplorerState& st, float height);
// "Columns..." popup: which params and metrics get a column.
void draw_column_chooser(ExplorerState& st);

}  // namespace lab::app::runs
