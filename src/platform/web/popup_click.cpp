#include "platform/web/popup_click.hpp"

#include <cstring>

#include "imgui.h"
#include "imgui_internal.h"

namespace {

bool inside_open_popup(const ImGuiContext& g, ImVec2 mouse) {
  for (const ImGuiPopupData& p : g.OpenPopupStack)
    if (p.Window && p.Window->Active && p.Window->Rect().Contains(mouse)) return true;
  return false;
}

// A dropdown's list opens directly below (or above) the combo box, left-aligned with it and at
// least as wide. A click on the combo box itself only closes the list, as before; otherwise
// closing it first would reopen it at once.
bool on_dropdown_box(const ImGuiContext& g, const ImGuiWindow& popup, ImVec2 mouse) {
  if (std::strncmp(popup.Name, "##Combo_", 8) != 0) return false;
  ImRect r = popup.Rect();
  float box_h = g.FontSize + g.Style.FramePadding.y * 2 + 2;
  if (mouse.x < r.Min.x || mouse.x > r.Max.x) return false;
  return (mouse.y >= r.Min.y - box_h && mouse.y <= r.Min.y) || (mouse.y >= r.Max.y && mouse.y <= r.Max.y + box_h);
}

}  // namespace

namespace lab::web {

void let_popup_closing_click_through() {
  ImGuiContext& g = *GImGui;
  if (g.OpenPopupStack.Size == 0) return;
  const ImGuiIO& io = g.IO;
  bool new_press = false;
  for (int b = 0; b < 3; ++b) new_press |= io.MouseDown[b] && io.MouseDownDuration[b] < 0.0f;  // duration: last frame's
  if (!new_press) return;
  const ImGuiPopupData& top = g.OpenPopupStack.back();
  if (!top.Window || (top.Window->Flags & ImGuiWindowFlags_Modal)) return;  // a modal must be answered
  if (inside_open_popup(g, io.MousePos) || on_dropdown_box(g, *top.Window, io.MousePos)) return;
  // Close before the frame starts, so the window under the mouse takes this click normally.
  ImGui::ClosePopupToLevel(0, true);
}

}  // namespace lab::web
