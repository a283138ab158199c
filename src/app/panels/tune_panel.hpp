#pragma once
// The Tune module: one learner's parameters searched by cross-validation in the tab (tune.start,
// paced by search.frame), with a live leaderboard and chart, pause, resume and cancel.
#include <string>

#include "app/panels/panel.hpp"
#include "app/panels/search/search_view.hpp"
#include "app/panels/search/space_form.hpp"

namespace lab::app {

class TunePanel : public Panel {
 public:
  const char* title() const override { return "Tune"; }
  const char* subtitle() const override { return "search a learner's parameters"; }
  void draw(AppContext& ctx) override;

 private:
  void draw_form(AppContext& ctx, bool busy);
  void draw_results(AppContext& ctx);
  nlohmann::json start_command() const;

  int algo_index_ = -1;
  search::SpaceForm space_;
  int strategy_ = 1;  // grid, random, halving
  int cv_ = 5;
  int budget_kind_ = 0;  // 0: trials, 1: seconds
  int trials_ = 20;
  int seconds_ = 60;
  int threads_ = 2;
  search::StatusCache status_;
  std::string chart_param_;
  std::string error_;
};

}  // namespace lab::app
