#pragma once
// Where every widget was drawn: ImGui's test-engine item hooks (IMGUI_ENABLE_TEST_ENGINE, see
// imgui_config.hpp) report each item's id, rectangle and label; the probe keeps the items of the
// last completed frame so browser tests can click and type at widgets found by label
// (the ui.items command, tests/e2e/ui.mjs) instead of driving the lab through commands.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

struct ImGuiContext;

namespace lab::app {

struct ProbeRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct ProbeItem {
  uint32_t id = 0;
  std::string label;   // as passed to ImGui, e.g. "Generate##data"
  std::string text;    // what is shown: the label without its "##" part
  std::string window;  // e.g. "lab/body/panel" (child windows' id suffixes removed)
  ProbeRect rect;      // framebuffer pixels (ImGui's coordinates)
  ProbeRect clip;      // the window's clip rectangle when the item was added
  bool visible = false;  // any part of the item inside its window's clip rectangle
  bool enabled = true;   // not inside BeginDisabled()
  bool has_label = false;
  int status = 0;        // ImGuiItemStatusFlags (checkable/checked/openable/opened, ...)
  std::string hint;      // a text field's placeholder (input_text_with_hint)
  bool hint_fits = true; // the field is wide enough to show the whole placeholder
};

class UiProbe {
 public:
  ~UiProbe();
  // Call at the start of drawing each frame: installs the hooks on the current ImGui context
  // (again after a context change) and starts a new frame's record.
  void begin_frame();
  // Call when the frame's drawing finished; its items become the last completed frame. A frame
  // that threw half-way is dropped at the next begin_frame.
  void end_frame();

  const std::vector<ProbeItem>& last_frame() const { return last_; }
  int frame() const { return completed_frames_; }
  // The ui.items reply: items of the last completed frame whose text contains `text` (case-
  // insensitive) and whose window contains `window`; rects also in CSS pixels (divided by scale).
  nlohmann::json items_json(const std::string& text, const std::string& window, float scale) const;
  // The ui.scrolls reply: every window shown whose path contains `window`, with how far it is
  // scrolled and can scroll (pixels); tells a test whether a wheel notch moved anything.
  static nlohmann::json scrolls_json(const std::string& window);

  // Called by the hooks.
  void item_add(ImGuiContext& g, const float bb[4], uint32_t id);
  void item_info(uint32_t id, const char* label, int status);
  void item_hint(uint32_t id, const char* hint, bool fits);
  const char* debug_label(uint32_t id) const;

 private:
  ImGuiContext* installed_ = nullptr;
  bool recording_ = false;
  std::vector<ProbeItem> current_, last_;
  std::unordered_map<uint32_t, size_t> current_index_;  // id -> position in current_
  // Labels seen in earlier frames: ImGui reports a label only for items it draws, so an item
  // scrolled out of view keeps the label it had when it was last visible.
  std::unordered_map<uint32_t, std::pair<std::string, int>> known_labels_;
  int completed_frames_ = 0;
};

// For a text field just drawn: its placeholder and whether the field shows all of it (a no-op
// without a probe on the current context).
void report_hint(uint32_t id, const char* hint, bool fits);

// "Generate##data" -> "Generate"; "Train###btn" -> "Train".
std::string display_text(const std::string& label);
// "lab/body_1A2B3C4D/panel_0F0F0F0F" -> "lab/body/panel".
std::string readable_window_name(const std::string& name);

}  // namespace lab::app
