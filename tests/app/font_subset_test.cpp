// The web build ships DejaVu Sans cut down to the lab's characters (cmake/font_subset.cmake:
// 24 KB instead of 760 KB). The cut must not change what a participant sees: the font atlas ImGui
// builds from it is byte-for-byte the one it builds from the full font, at the sizes the lab uses
// (17 px at device pixel ratios 1, 1.5 and 2).
#include <catch2/catch.hpp>

#include <vector>

#include "app/headless_ui.hpp"
#include "app/theme.hpp"
#include "imgui.h"

namespace {

struct Atlas {
  int w = 0, h = 0;
  std::vector<unsigned char> pixels;
  std::vector<float> advances;  // of every glyph in the ranges, in order
};

Atlas build_atlas(const char* font_path, float scale) {
  ImGuiContext* ctx = ImGui::CreateContext();
  lab::app::apply_theme(scale, font_path);
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* px = nullptr;
  Atlas a;
  io.Fonts->GetTexDataAsAlpha8(&px, &a.w, &a.h);
  a.pixels.assign(px, px + size_t(a.w) * size_t(a.h));
  const ImFont* font = io.Fonts->Fonts[0];
  for (const ImWchar* r = lab::app::ui_glyph_ranges(); r[0]; r += 2)
    for (unsigned c = r[0]; c <= r[1]; ++c) {
      const ImFontGlyph* g = font->FindGlyphNoFallback(ImWchar(c));
      a.advances.push_back(g ? g->AdvanceX : -1.0f);
    }
  ImGui::DestroyContext(ctx);
  return a;
}

}  // namespace

TEST_CASE("the web build's cut-down font draws exactly what the full font draws", "[app][font]") {
  for (float scale : {1.0f, 1.5f, 2.0f}) {
    INFO("device pixel ratio " << scale);
    const Atlas full = build_atlas(labtest::kUiFont, scale);
    const Atlas cut = build_atlas(LAB_UI_FONT_SUBSET, scale);
    REQUIRE(full.pixels.size() > 1000);  // the real font was loaded, not ImGui's fallback
    CHECK(cut.w == full.w);
    CHECK(cut.h == full.h);
    CHECK(cut.advances == full.advances);
    CHECK(cut.pixels == full.pixels);
  }
}
