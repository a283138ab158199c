#pragma once
#include "imgui.h"

namespace lab::app {

// Loads the UI font at a readable size for the given DPI scale and styles ImGui to match.
// font_path may be missing (then ImGui's built-in font is used, scaled up).
void apply_theme(float scale, const char* font_path);
// The characters the UI font carries: Latin-1, Latin Extended-A and every character Windows-1252
// (what CSV files from Windows spreadsheets are read as) can hold.
const ImWchar* ui_glyph_ranges();

// The colour the frame is cleared to: the panels' background. Panels are drawn without a
// background fill of their own because in software WebGL (SwiftShader, used by headless and
// GPU-less browsers) every full-screen fill costs a whole frame's worth of time.
struct CanvasColor {
  float r, g, b;
};
constexpr CanvasColor kCanvasColor{0.13f, 0.14f, 0.17f};
// The darker frame around and between the panels (nav, module panel, status bar).
constexpr CanvasColor kFrameColor{0.11f, 0.12f, 0.14f};

}  // namespace lab::app
