#pragma once
// "Download as notebook" in the focused run's details: recipe.notebook writes the run's notebook,
// the same code as a .py and its data file as one tar in the lab's file system, and the platform's
// ui.download hands it to the browser (as the store's Download does).
#include <string>

#include "app/panels/runs/explorer_state.hpp"

namespace lab::app::runs {

// The button (disabled for runs that did not finish training) and what it does.
void notebook_download_button(AppContext& ctx, ExplorerState& st, const Run& run);
void download_notebook(AppContext& ctx, ExplorerState& st, const std::string& run_id);

}  // namespace lab::app::runs
