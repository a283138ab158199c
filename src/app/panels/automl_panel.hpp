#pragma once
// The AutoML module: the data checks first, then a search across learners within a time budget
// (automl.start, paced by search.frame), its live leaderboard, the winner with its test score and
// feature importance, "Register as challenger", the comparison with the participant's best manual
// run, and the winner's recipe to edit, replay or download.
#include <string>

#include "app/panels/panel.hpp"
#include "app/panels/search/recipe_editor.hpp"
#include "app/panels/search/search_view.hpp"

namespace lab::app {

class AutomlPanel : public Panel {
 public:
  const char* title() const override { return "AutoML"; }
  const char* subtitle() const override { return "let the lab search learners"; }
  void draw(AppContext& ctx) override;
  void attach(AppContext& ctx) override;  // the ui.automl test hook

 private:
  void draw_setup(AppContext& ctx, bool busy);
  void draw_outcome(AppContext& ctx, const nlohmann::json& reply);

  int metric_index_ = 0;
  int seconds_ = 30;
  int threads_ = 2;
  char model_[64] = "";
  search::StatusCache status_;
  search::RecipeEditor recipe_;
  std::string chart_param_;
  std::string error_, register_message_;
};

}  // namespace lab::app
