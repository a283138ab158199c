#pragma once

namespace lab::app {

// Loads the UI font at a readable size for the given DPI scale and styles ImGui to match.
// font_path may be missing (then ImGui's built-in font is used, scaled up).
void apply_theme(float scale, const char* font_path);

}  // namespace lab::app
