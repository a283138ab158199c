#pragma once
// The Guide: a workshop track docked beside the module a step is about (right of it in wide
// windows, below it in narrow ones), never over it. It shows the track picker on a first visit,
// then the current step (what, why, the module to open, "Do it for me", the check's state from
// the lab's real state, a hint after a while), the knowledge checks after a part, and progress.
// Everything goes through the guide.* commands (commands/guide_book.hpp).
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "app/app_context.hpp"
#include "app/panels/guide_facilitator.hpp"

namespace lab::app {

class GuidePanel {
 public:
  using OpenModule = std::function<bool(const std::string& title)>;
  // Draws into the current child window.
  void draw(AppContext& ctx, const OpenModule& open_module);
  void attach(AppContext& ctx);  // registers the page's track-file hook (ui.guide_file)
  bool collapsed() const { return collapsed_; }
  void set_collapsed(bool c) { collapsed_ = c; }
  // Narrow windows put the guide in a short band below the module: the step's actions come first.
  void set_compact(bool c) { compact_ = c; }
  // The one-line strip shown while the guide is collapsed.
  void draw_collapsed(AppContext& ctx);

 private:
  void refresh(AppContext& ctx);
  void maybe_check(AppContext& ctx);
  void run(AppContext& ctx, const nlohmann::json& command);
  void draw_picker(AppContext& ctx);
  void draw_header(AppContext& ctx);
  void draw_step(AppContext& ctx, const OpenModule& open_module);
  void draw_quizzes(AppContext& ctx);
  void draw_question(AppContext& ctx, const nlohmann::json& q);
  void draw_outline(AppContext& ctx);
  void draw_load(AppContext& ctx);

  FacilitatorView facilitator_;  // agenda, pace, answers, prepare the room
  nlohmann::json st_;  // the last guide.status reply
  double refreshed_at_ = -1e9, checked_at_ = -1e9;
  uint64_t refreshed_store_ = 0, checked_store_ = 0;
  std::string checked_step_;  // track/step the last check was for
  std::string error_;         // the last failed guide command, in words
  bool picking_ = false;      // "Switch track" shows the picker over a started track
  bool confirm_reset_ = false;
  bool collapsed_ = false;
  bool compact_ = false;
  std::string answer_question_;  // the short-answer field belongs to this question
  char answer_[256] = "";
};

}  // namespace lab::app
