#include "platform/web/wheel.hpp"

#include <GLFW/glfw3.h>
#include <emscripten.h>

#include "backends/imgui_impl_glfw.h"

namespace lab::web {

namespace {

// Emscripten 3.1.6's GLFW (library_glfw.js, onMouseWheel) hands the scroll callback the DOM
// event's raw deltaX/deltaY: positive means down, in pixels (about 100 per notch in Chromium),
// lines (3 per notch, Firefox) or pages, depending on event.deltaMode. Native GLFW, which
// imgui_impl_glfw expects, gives +1 per notch up. The mode is not passed along, so a capturing
// listener on the window (it runs before GLFW's on the canvas) remembers it.
EM_JS(void, js_watch_wheel_mode, (), {
  window.addEventListener('wheel', function (e) { Module.labWheelMode = e.deltaMode; }, { capture: true, passive: true });
});
EM_JS(int, js_wheel_mode, (), { return Module.labWheelMode || 0; });

// ImGui scrolls five lines (5 x font size) per wheel unit; three lines per notch is what pages do.
constexpr double kUnitsPerNotch = 3.0 / 5.0;

double notches(double dom_delta) {
  switch (js_wheel_mode()) {
    case 1: return dom_delta / 3.0;    // DOM_DELTA_LINE
    case 2: return dom_delta * 3.0;    // DOM_DELTA_PAGE: treated as a few notches
    default: return dom_delta / 100.0;  // DOM_DELTA_PIXEL (touchpads send small steps)
  }
}

void on_scroll(GLFWwindow* window, double dx, double dy) {
  ImGui_ImplGlfw_ScrollCallback(window, -notches(dx) * kUnitsPerNotch, -notches(dy) * kUnitsPerNotch);
}

}  // namespace

void install_wheel_scrolling(GLFWwindow* window) {
  js_watch_wheel_mode();
  glfwSetScrollCallback(window, on_scroll);
}

}  // namespace lab::web
