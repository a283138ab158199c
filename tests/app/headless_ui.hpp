#pragma once
// The real Shell drawn without a window: an ImGui context with the lab's font and theme, a
// session on a fresh store, and frames run NewFrame -> Shell::draw -> Render at a chosen display
// size (ImGui's null-backend example). A failed ImGui check throws (imgui_config.hpp), so a
// draw-time assert or exception fails the test that drew the frame.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/shell.hpp"
#include "app/theme.hpp"
#include "app/wheel_chaining.hpp"
#include "commands/dispatcher.hpp"
#include "imgui.h"
#include "support/temp_store.hpp"

namespace labtest {

inline constexpr const char* kUiFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// AppContext is an aggregate with reference members; set the three it needs, the rest default.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
inline lab::app::AppContext make_context(lab::Session& s, lab::Dispatcher& d, const lab::app::StorageStatus& st) {
  return lab::app::AppContext{s, d, st};
}
#pragma GCC diagnostic pop

struct HeadlessUi {
  lab::FixedClock clock;
  lab::Session session;
  lab::Dispatcher dispatcher;
  lab::app::StorageStatus storage;
  lab::app::AppContext ctx;
  ImGuiContext* imgui = nullptr;
  lab::app::Shell shell;

  HeadlessUi(const std::string& store_name, uint64_t seed)
      : session(fresh_store(store_name), clock, seed), dispatcher(session), ctx(make_context(session, dispatcher, storage)) {
    storage.state = lab::app::StorageStatus::State::Saved;
    imgui = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    if (std::FILE* f = std::fopen(kUiFont, "rb")) std::fclose(f);
    else FAIL("the UI font " << kUiFont << " is missing: install fonts-dejavu-core (scripts/setup.sh does)");
    lab::app::apply_theme(1.0f, kUiFont);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // builds the atlas, as a renderer backend would
    shell.attach(ctx);
  }
  ~HeadlessUi() { ImGui::DestroyContext(imgui); }
  HeadlessUi(const HeadlessUi&) = delete;
  HeadlessUi& operator=(const HeadlessUi&) = delete;

  // A command that must succeed: its reply.
  nlohmann::json ok(const nlohmann::json& cmd) {
    nlohmann::json r = dispatcher.handle(cmd);
    INFO(cmd.dump() << " -> " << r.dump().substr(0, 400));
    REQUIRE(r["ok"] == true);
    return r;
  }

  // One whole frame at the given display size (pixels); throws what drawing threw.
  void frame(float width, float height) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    lab::app::pass_wheel_on_at_scroll_end();  // as the web platform does
    ImGui::NewFrame();
    shell.draw(ctx);
    ImGui::Render();
  }

  // Clicks the visible item whose text is `text` (in a window whose path contains `window`) with
  // the mouse, as a participant would: move, press one frame, release the next. False when no
  // such item was drawn in the last frame.
  bool click(const std::string& text, float width, float height, const std::string& window = "") {
    const nlohmann::json items = dispatcher.handle({{"cmd", "ui.items"}, {"text", text}, {"window", window}})["items"];
    for (const auto& it : items) {
      if (it.value("text", "") != text || !it.value("visible", false)) continue;
      const auto& r = it["rect"];
      ImGuiIO& io = ImGui::GetIO();
      io.MousePos = ImVec2(r["x"].get<float>() + r["w"].get<float>() * 0.5f, r["y"].get<float>() + r["h"].get<float>() * 0.5f);
      frame(width, height);
      io.MouseDown[0] = true;
      frame(width, height);
      io.MouseDown[0] = false;
      frame(width, height);
      frame(width, height);
      return true;
    }
    return false;
  }

  std::vector<std::string> modules() const {
    std::vector<std::string> out;
    std::string all = shell.titles();
    for (size_t start = 0; start < all.size();) {
      size_t comma = all.find(", ", start);
      out.push_back(all.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 2;
    }
    return out;
  }
};

struct WindowSize {
  float w, h;
};
inline const std::vector<WindowSize>& ui_window_sizes() {
  static const std::vector<WindowSize> sizes{{800, 600}, {1280, 720}, {1920, 1080}};
  return sizes;
}

// Every module, drawn for a few frames (panels compute some things on their first frame) at each
// size; a failure names the module, the size and what was going on.
inline void draw_every_module(HeadlessUi& ui, const std::string& situation,
                              const std::vector<WindowSize>& sizes = ui_window_sizes(), int frames = 2) {
  for (const std::string& module : ui.modules()) {
    REQUIRE(ui.shell.select_by_title(module));
    for (const WindowSize& s : sizes) {
      INFO(situation << ": the " << module << " module at " << s.w << "x" << s.h);
      for (int i = 0; i < frames; ++i) REQUIRE_NOTHROW(ui.frame(s.w, s.h));
      REQUIRE(ui.ctx.draw_error.empty());
    }
  }
}

}  // namespace labtest
