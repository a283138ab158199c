#include "app/wheel_chaining.hpp"

#include "imgui.h"
#include "imgui_internal.h"

namespace lab::app {

namespace {

// The window ImGui 1.86 would scroll (UpdateMouseWheel): the hovered one, or the one the wheel
// is locked to, skipping child windows that have nothing to scroll or refuse the wheel.
ImGuiWindow* wheel_target(ImGuiWindow* w) {
  while (w && (w->Flags & ImGuiWindowFlags_ChildWindow) &&
         (w->ScrollMax.y == 0.0f || ((w->Flags & ImGuiWindowFlags_NoScrollWithMouse) && !(w->Flags & ImGuiWindowFlags_NoMouseInputs))))
    w = w->ParentWindow;
  return w;
}

bool can_scroll(const ImGuiWindow* w, float wheel) {
  if (w->ScrollMax.y <= 0.0f || (w->Flags & (ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoMouseInputs))) return false;
  return wheel < 0 ? w->Scroll.y < w->ScrollMax.y - 0.5f : w->Scroll.y > 0.5f;
}

}  // namespace

void pass_wheel_on_at_scroll_end() {
  ImGuiContext& g = *GImGui;
  const float wheel = g.IO.MouseWheel;
  if (wheel == 0.0f || g.IO.KeyCtrl || g.IO.KeyShift) return;  // zoom and sideways scrolling stay ImGui's
  if ((g.ActiveId != 0 && g.ActiveIdUsingMouseWheel) || (g.HoveredIdPreviousFrame != 0 && g.HoveredIdPreviousFrameUsingMouseWheel))
    return;  // a widget that takes the wheel itself
  ImGuiWindow* w = wheel_target(g.WheelingWindow ? g.WheelingWindow : g.HoveredWindow);
  if (!w || w->Collapsed || !(w->Flags & ImGuiWindowFlags_ChildWindow) || can_scroll(w, wheel)) return;
  ImGuiWindow* outer = w->ParentWindow;
  while (outer && !can_scroll(outer, wheel) && (outer->Flags & ImGuiWindowFlags_ChildWindow)) outer = outer->ParentWindow;
  if (!outer || !can_scroll(outer, wheel)) return;
  // ImGui's own step, so a notch moves the outer window as far as it would have moved the inner one.
  const float step = ImFloor(ImMin(5 * outer->CalcFontSize(), outer->InnerRect.GetHeight() * 0.67f));
  ImGui::SetScrollY(outer, outer->Scroll.y - wheel * step);
  g.IO.MouseWheel = 0.0f;
  // Keep the next notches on the outer window while the wheel turns (ImGui's own 2 s lock), so
  // they do not stop in the next pane that slides under the mouse.
  g.WheelingWindow = outer;
  g.WheelingWindowRefMousePos = g.IO.MousePos;
  g.WheelingWindowTimer = 2.0f;
}

}  // namespace lab::app
