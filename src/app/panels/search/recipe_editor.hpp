#pragma once
// A recipe (commands/recipe.hpp) shown as JSON in an editable field: change a parameter, Replay
// it in the tab (recipe.replay, its training paced like any run), or Download it for `lab run`.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/app_context.hpp"

namespace lab::app::search {

class RecipeEditor {
 public:
  // Loads `recipe` unless it is the one already loaded (so edits survive redraws).
  void show(const nlohmann::json& recipe);
  void draw(AppContext& ctx, float height);
  std::string text() const { return std::string(buffer_.data()); }
  const std::string& message() const { return message_; }
  const std::string& error() const { return error_; }
  // Whether the last frame showed Replay's outcome (error or message) whole inside the module.
  bool outcome_in_view() const { return outcome_in_view_; }

 private:
  std::string loaded_;        // the recipe's dump the buffer started from
  std::vector<char> buffer_ = std::vector<char>(1, '\0');
  std::string message_, error_;
  bool reveal_ = false;  // Replay was clicked: scroll its outcome into view
  float revealed_in_height_ = 0;  // the pane's height when it was; a resize reveals it again
  int reveal_frames_ = 0;  // frames left to try: a scroll is clamped to last frame's content size
  bool outcome_in_view_ = false;
};

}  // namespace lab::app::search
