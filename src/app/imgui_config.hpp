#pragma once
// Dear ImGui build options for the lab (IMGUI_USER_CONFIG, set on the imgui target so every
// file that includes imgui.h sees the same layout).

// 32-bit draw indices: a chart with thousands of points passes 65,536 vertices in one draw list
// ("Too many vertices in ImDrawList using 16-bit indices"). WebGL2 draws GL_UNSIGNED_INT
// indices natively and imgui_impl_opengl3 picks the index type from sizeof(ImDrawIdx).
#define ImDrawIdx unsigned int

// Item hooks: ImGui reports every widget it lays out to app/ui_probe.cpp, which the browser tests
// use (ui.items) to click and type at widgets found by label.
#define IMGUI_ENABLE_TEST_ENGINE

// A failed ImGui check throws instead of aborting: the web frame loop catches it and shows the
// message over the module (platform/web/main.cpp), and the headless UI tests (tests/app) report it
// as a failure. While an exception is already unwinding (a destructor's check, e.g. a list
// clipper left mid-loop), it stays quiet: throwing there would terminate the program.
#include <exception>
#include <stdexcept>
#include <string>
namespace lab::imgui_check {
inline void failed(const char* expr, const char* file, int line) {
  if (std::uncaught_exceptions() > 0) return;
  std::string where = file;
  if (size_t slash = where.find_last_of('/'); slash != std::string::npos) where = where.substr(slash + 1);
  throw std::logic_error(std::string("ImGui check failed: ") + expr + " (" + where + ":" + std::to_string(line) + ")");
}
}  // namespace lab::imgui_check
#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : ::lab::imgui_check::failed(#_EXPR, __FILE__, __LINE__))
