#pragma once
// The click that closes an open dropdown or popup also reaches the widget it was aimed at
// (ImGui 1.86 spends that click on closing the popup).
namespace lab::web {

// Call between ImGui_ImplGlfw_NewFrame() and ImGui::NewFrame().
void let_popup_closing_click_through();

}  // namespace lab::web
