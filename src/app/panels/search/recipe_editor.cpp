#include "app/panels/search/recipe_editor.hpp"

#include <algorithm>
#include <cstring>

#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app::search {

using nlohmann::json;

void RecipeEditor::show(const json& recipe) {
  const std::string text = recipe.dump(2);
  if (text == loaded_) return;
  loaded_ = text;
  buffer_.assign(text.size() + 16384, '\0');  // room to edit
  std::memcpy(buffer_.data(), text.data(), text.size());
  message_.clear();
  error_.clear();
}

void RecipeEditor::draw(AppContext& ctx, float height) {
  if (loaded_.empty()) return;
  // In a short module pane (800x600 with the guide open) the box takes at most half of it, so the
  // box, its buttons and Replay's outcome fit together.
  const float fit = std::max(ImGui::GetFontSize() * 5, ImGui::GetWindowHeight() * 0.5f);
  ImGui::InputTextMultiline("recipe", buffer_.data(), buffer_.size(), ImVec2(-1, std::min(height, fit)));
  if (ImGui::Button("Replay")) {
    reveal_ = true;
    error_.clear();
    message_.clear();
    json recipe = json::parse(text(), nullptr, false);
    if (recipe.is_discarded()) {
      error_ = "The recipe is not valid JSON any more; undo the last edit (Ctrl+Z) or fix the brackets and quotes.";
    } else {
      json r = ctx.run({{"cmd", "recipe.replay"}, {"recipe", recipe}, {"paced", true}}, &error_);
      if (r.value("ok", false))
        message_ = "Replaying: the data steps ran; the training runs now (see Train), logged as run " +
                   r.value("run_id", std::string("?")).substr(0, 8) + ".";
    }
  }
  help_marker("Runs the recipe's commands in this tab: the data steps, then the training. Unchanged, it gives the "
              "winner's run again, metric for metric.");
  ImGui::SameLine();
  ImGui::BeginDisabled(!ctx.download_text);
  if (ImGui::Button("Download")) ctx.download_text("recipe.json", text());
  ImGui::EndDisabled();
  help_marker("Saves recipe.json; `lab run recipe.json` replays it on the command line.");
  error_box(error_);
  if (!message_.empty()) wrapped_colored(ImVec4(0.6f, 0.85f, 0.6f, 1), message_);
  // Replay's answer appears below the buttons, which may be the pane's bottom edge: scroll it into
  // view once (a participant must not have to guess that a message was cut off), and again when the
  // window is resized (the box grows with the pane and pushes the answer down).
  outcome_in_view_ = false;
  if (!error_.empty() || !message_.empty()) {
    const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
    outcome_in_view_ = ImGui::GetItemRectMin().y >= top && ImGui::GetItemRectMax().y <= bottom;
    if (reveal_ || revealed_in_height_ != ImGui::GetWindowHeight()) reveal_frames_ = 4;
    revealed_in_height_ = ImGui::GetWindowHeight();
    // ImGui clamps a scroll to the content size of the frame before, and the box may have just
    // grown: ask again on the next frames until the answer is in view.
    if (reveal_frames_ > 0 && !outcome_in_view_) ImGui::SetScrollHereY(1.0f);
    reveal_frames_ = outcome_in_view_ ? 0 : std::max(0, reveal_frames_ - 1);
  }
  reveal_ = false;
}

}  // namespace lab::app::search
