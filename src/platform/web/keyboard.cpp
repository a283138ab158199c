#include "platform/web/keyboard.hpp"

#include <GLFW/glfw3.h>

#include <vector>

#include "commands/dispatcher.hpp"
#include "imgui.h"
#include "imgui_internal.h"

namespace {

struct HeldRelease {
  int key, scancode, mods;
};

GLFWwindow* g_window = nullptr;
GLFWkeyfun g_imgui_key_callback = nullptr;  // the backend's callback, which we wrap
bool g_mac = false;
std::vector<int> g_pressed_this_frame;      // keys pressed since the last frame was drawn
std::vector<HeldRelease> g_held_releases;   // releases of those keys, handed over after the frame

bool contains(const std::vector<int>& v, int key) {
  for (int k : v)
    if (k == key) return true;
  return false;
}

bool is_modifier(int key) { return key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER; }

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  // A tap shorter than a frame (a fast typist, a slow software-rendered frame, a test) would
  // set and clear the key before ImGui looks: keep it down until the frame has seen it.
  if (action == GLFW_RELEASE && contains(g_pressed_this_frame, key)) {
    g_held_releases.push_back({key, scancode, mods});
    return;
  }
  if (action == GLFW_PRESS) g_pressed_this_frame.push_back(key);
  g_imgui_key_callback(window, key, scancode, action, mods);
  // macOS sends no keyup for a letter released while Cmd is down (Cmd+V leaves V "held"):
  // letting go of Cmd lets go of every other key.
  if (g_mac && action == GLFW_RELEASE && (key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER)) {
    ImGuiIO& io = ImGui::GetIO();
    for (int k = 0; k < IM_ARRAYSIZE(io.KeysDown); ++k)
      if (io.KeysDown[k] && !is_modifier(k)) {
        if (contains(g_pressed_this_frame, k))
          g_held_releases.push_back({k, 0, 0});
        else
          g_imgui_key_callback(window, k, 0, GLFW_RELEASE, 0);
      }
  }
}

}  // namespace

namespace lab::web {

void install_keyboard(GLFWwindow* window, bool mac_shortcuts) {
  g_window = window;
  g_mac = mac_shortcuts;
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // arrows, Space/Enter, Escape closes popups
  io.ConfigMacOSXBehaviors = mac_shortcuts;              // Cmd+C/V/X/Z/A, Option+arrows by word
  g_imgui_key_callback = glfwSetKeyCallback(window, on_key);
}

void register_keyboard_commands(Dispatcher& dispatcher) {
  dispatcher.add("ui.focus",
                 "test hook: keyboard focus -> {nav_id (the focused widget's id, as in ui.items), nav_visible "
                 "(its highlight is shown), active_id (the widget being edited or held), popups_open}",
                 [](const nlohmann::json&) {
                   const ImGuiContext& g = *GImGui;
                   return nlohmann::json{{"nav_id", g.NavId},
                                         {"nav_visible", g.NavId != 0 && !g.NavDisableHighlight},
                                         {"active_id", g.ActiveId},
                                         {"popups_open", g.OpenPopupStack.Size}};
                 });
}

void keyboard_before_new_frame() {
  ImGuiContext& g = *GImGui;
  // Tab before anything was clicked: start in the lab's main window (ImGui tabs only inside
  // the focused window).
  if (g.NavWindow == nullptr && contains(g_pressed_this_frame, GLFW_KEY_TAB))
    if (ImGuiWindow* lab = ImGui::FindWindowByName("lab")) ImGui::FocusWindow(lab);
}

void keyboard_after_new_frame() {
  ImGuiContext& g = *GImGui;
  if (g.NavMoveScoringItems && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) && !(g.NavMoveFlags & ImGuiNavMoveFlags_FocusApi) &&
      contains(g_pressed_this_frame, GLFW_KEY_TAB)) {
    // 1.86 scores only text fields for Tab; the focus-API variant of the same request scores
    // every widget. And from a focused (not active) widget 1.86 restarts at the first widget
    // (its "tab init" case): move on from the focused one instead.
    g.NavMoveFlags |= ImGuiNavMoveFlags_FocusApi;
    if (g.NavTabbingDir == 0 && g.NavId != 0 && !g.NavDisableHighlight) g.NavTabbingDir = +1;
  }
  // 1.86 maps Enter to "input" (text fields only); buttons, checkboxes and dropdowns want
  // "activate", like Space.
  if (g.ActiveId == 0 && g.NavActivateInputId != 0 && g.NavActivateId == 0)
    g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavActivateInputId;
}

void keyboard_end_frame() {
  g_pressed_this_frame.clear();
  std::vector<HeldRelease> releases;
  releases.swap(g_held_releases);
  for (const HeldRelease& r : releases) g_imgui_key_callback(g_window, r.key, r.scancode, GLFW_RELEASE, r.mods);
}

}  // namespace lab::web
