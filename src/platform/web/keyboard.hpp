#pragma once
// Keyboard use of the lab: Tab / Shift+Tab move through every widget (ImGui 1.86 tabs only
// through text fields), Enter or Space activates the focused widget, Escape closes an open
// dropdown or popup, Cmd replaces Ctrl on macOS, and a key tapped faster than one frame is
// still seen (1.86 reads keys as up/down state once per frame).
struct GLFWwindow;
namespace lab {
class Dispatcher;
}

namespace lab::web {

// ui.focus: which widget has the keyboard focus and whether a popup is open (for tests; the
// widget's label comes from ui.items by its id).
void register_keyboard_commands(Dispatcher& dispatcher);

// Call once after ImGui_ImplGlfw_InitForOpenGL (it wraps the backend's key callback).
void install_keyboard(GLFWwindow* window, bool mac_shortcuts);
// Call between ImGui_ImplGlfw_NewFrame() and ImGui::NewFrame().
void keyboard_before_new_frame();
// Call right after ImGui::NewFrame(), before any widget is drawn.
void keyboard_after_new_frame();
// Call after ImGui::Render(): hands ImGui the key releases held back for this frame.
void keyboard_end_frame();

}  // namespace lab::web
