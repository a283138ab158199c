#include "app/theme.hpp"

#include <cstdio>

#include "imgui.h"

namespace lab::app {

const ImWchar* ui_glyph_ranges() {
  static const ImWchar ranges[] = {
#include "app/glyph_ranges.inc"
      0,
  };
  return ranges;
}

void apply_theme(float scale, const char* font_path) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float size = 17.0f * scale;
  ImFont* font = nullptr;
  if (font_path) {
    if (FILE* f = std::fopen(font_path, "rb")) {
      std::fclose(f);
      // 2x horizontal oversampling, not ImGui 1.86's 3x: ImGui's notes call the difference
      // minimal (later versions default to 2 at this size), and the atlas is rasterised on the
      // tab's first frame, where a third less work is a visibly sooner start.
      ImFontConfig cfg;
      cfg.OversampleH = 2;
      font = io.Fonts->AddFontFromFileTTF(font_path, size, &cfg, ui_glyph_ranges());
    }
  }
  if (!font) {
    ImFontConfig cfg;
    cfg.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&cfg);
  }

  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.FrameRounding = 4;
  s.GrabRounding = 4;
  s.ChildRounding = 4;
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(10, 8);
  s.CellPadding = ImVec2(6, 3);
  s.WindowPadding = ImVec2(14, 12);
  s.ScrollbarSize = 16;
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(kFrameColor.r, kFrameColor.g, kFrameColor.b, 1.0f);
  // Transparent: the clear colour (kCanvasColor) shows through; see theme.hpp for why.
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = ImVec4(0.18f, 0.20f, 0.24f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.22f, 0.36f, 0.58f, 0.8f);
  c[ImGuiCol_Button] = ImVec4(0.22f, 0.42f, 0.70f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.28f, 0.50f, 0.82f, 1.0f);
  c[ImGuiCol_PlotLinesHovered] = ImVec4(0.55f, 0.78f, 1.0f, 1.0f);  // section titles
  c[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.03f);
  s.ScaleAllSizes(scale);
}

}  // namespace lab::app
