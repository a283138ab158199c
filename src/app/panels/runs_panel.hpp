#pragma once
// The runs explorer: experiment picker and archive buttons, a search box with MLflow's filter
// syntax, the runs table (sortable, multi-select) with the focused run's details, and a
// compare view for the selected runs.
#include <memory>

#include "app/panels/panel.hpp"
#include "app/panels/runs/compare_view.hpp"
#include "app/panels/runs/explorer_state.hpp"
#include "app/panels/runs/run_details.hpp"
#include "app/panels/runs/store_actions.hpp"

namespace lab::app {

class RunsPanel : public Panel {
 public:
  const char* title() const override { return "Runs"; }
  const char* subtitle() const override { return "explore, compare, export"; }
  void draw(AppContext& ctx) override;
  void attach(AppContext& ctx) override { register_view_command(ctx); }
  // One selected run is a place a link can name (#/runs/<id>); several or none are not.
  std::string route_detail() const override { return st_.selected.size() == 1 ? *st_.selected.begin() : std::string(); }

 private:
  void draw_search(AppContext& ctx);
  void draw_selection_bar();
  void run_pending(AppContext& ctx);
  // ui.runs: lets tests, benchmarks and the workshop script drive the explorer's view state.
  // It loads the explorer's rows itself, so it works on a fresh tab before the panel is drawn.
  void register_view_command(AppContext& ctx);

  bool registered_ = false;

  runs::ExplorerState st_;
  runs::StoreActions actions_;
  runs::RunDetails details_;
  runs::CompareView compare_;
};

}  // namespace lab::app
