#pragma once
// The whole window: navigation of the workshop modules on the left, the selected module's
// panel on the right, a status bar at the bottom.
#include <memory>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/navigator.hpp"
#include "app/panels/panel.hpp"
#include "app/ui_probe.hpp"
#include "imgui.h"

namespace lab::app {

class GuidePanel;

class Shell {
 public:
  Shell();
  ~Shell();
  // Draws one frame into the current ImGui frame, covering the whole display.
  void draw(AppContext& ctx);
  int selected() const { return selected_; }
  void select(int i) { selected_ = i; }
  bool select_by_title(const std::string& title);  // case-insensitive, e.g. "train"
  std::string titles() const;                      // "data, explore, train, runs"
  const char* selected_title() const;
  std::string selected_detail() const { return panels_[size_t(selected_)]->route_detail(); }  // deep links
  void show_guide();                                // opens the guide if it was collapsed
  void attach(AppContext& ctx);                    // once at start: every panel's attach()
  const UiProbe& probe() const { return probe_; }


 private:
  // Window width (in font sizes) below which the navigation becomes a strip above the panel.
  static constexpr float kCompactWidthEm = 58.0f;
  static constexpr float kGuideWidthEm = 17.0f;  // the guide's column at its narrowest
  void draw_nav(AppContext& ctx, float width);
  void draw_nav_strip(AppContext& ctx);
  void draw_status_bar(AppContext& ctx);
  void draw_error_banner(AppContext& ctx);
  void draw_update_offer(AppContext& ctx);  // "Reload to update" when a new version waits
  // The Guide docked beside the module: its child window, right of the module or below it.
  void draw_guide(AppContext& ctx, const ImVec2& size);
  std::vector<std::unique_ptr<Panel>> panels_;
  std::unique_ptr<GuidePanel> guide_;
  Navigator navigator_{*this};  // deep links: nav.open / nav.poll
  UiProbe probe_;  // where each widget was drawn (ui.items, for click-driven tests)
  int selected_ = 0;
};

}  // namespace lab::app
