#pragma once
// The mouse wheel goes on to the enclosing window when the pane under the mouse cannot scroll
// any further that way (what a web page does with a scrolled box inside it). ImGui 1.86 keeps
// giving the wheel to a child window or table that has reached its end, so a participant
// scrolling a module over its leaderboard or a chart pane was stuck there.
namespace lab::app {

// Call right before ImGui::NewFrame(): it reads last frame's windows and takes the wheel from
// ImGui when it scrolls an outer window instead.
void pass_wheel_on_at_scroll_end();

}  // namespace lab::app
