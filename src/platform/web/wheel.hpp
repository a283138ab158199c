#pragma once
// Mouse-wheel scrolling that moves like every other page: one notch scrolls about three lines,
// wheel down moves the content up (shows what is below).
struct GLFWwindow;

namespace lab::web {

// Call after ImGui_ImplGlfw_InitForOpenGL: replaces its scroll callback with one that converts
// Emscripten 3.1.6's raw DOM wheel deltas into ImGui's wheel units.
void install_wheel_scrolling(GLFWwindow* window);

}  // namespace lab::web
