#pragma once
// ImGui's clipboard wired to the browser's: Ctrl+C / Ctrl+X / Ctrl+V (Cmd on macOS) in every
// text field, and ImGui::SetClipboardText from "Copy" buttons.
namespace lab::web {

// Call once after ImGui_ImplGlfw_InitForOpenGL (which installs GLFW's clipboard, a no-op in
// Emscripten 3.1.6's GLFW).
void install_browser_clipboard();

}  // namespace lab::web
