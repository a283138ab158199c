// The Guide drawn headless beside every module: through the whole iris track at 800x600,
// 1280x720 and 1920x1080 nothing in the guide is cut off on the right, the module keeps most of
// the window, and the step's buttons are where a participant can click them.
#include <filesystem>

#include "app/headless_ui.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

namespace {
json item(HeadlessUi& ui, const std::string& text) {
  const json reply = ui.dispatcher.handle({{"cmd", "ui.items"}, {"window", "guide"}});
  for (const auto& it : reply["items"])
    if (it["text"] == text && it.value("visible", false)) return it;
  return nullptr;
}
double width_of(HeadlessUi& ui, const char* window) {
  json items = ui.dispatcher.handle({{"cmd", "ui.items"}, {"window", window}})["items"];
  return items.empty() ? 0 : items[0]["clip_css"]["w"].get<double>();
}
}  // namespace

TEST_CASE("the guide sits beside the module through the iris track at every window size", "[app][ui][guide]") {
  std::filesystem::remove_all(std::filesystem::temp_directory_path() / "lab_app_guide-guide");
  HeadlessUi ui("lab_app_guide", 11);
  for (const auto& s : labtest::ui_window_sizes()) ui.frame(s.w, s.h);
  // First visit: the picker.
  ui.frame(1280, 720);
  ui.frame(1280, 720);
  REQUIRE(item(ui, "Start: MLOps in 45 minutes with iris") != nullptr);
  ui.ok({{"cmd", "guide.start"}, {"track", "iris"}});
  const size_t steps = 11;
  for (size_t n = 1; n <= steps; ++n) {
    ui.ok({{"cmd", "guide.go"}, {"step", n}});
    ui.ok({{"cmd", "guide.do_step"}});
    for (const auto& s : labtest::ui_window_sizes()) {
      INFO("step " << n << " at " << s.w << "x" << s.h);
      for (int i = 0; i < 3; ++i) REQUIRE_NOTHROW(ui.frame(s.w, s.h));
      REQUIRE(ui.ctx.draw_error.empty());
      json items = ui.dispatcher.handle({{"cmd", "ui.items"}, {"window", "guide"}})["items"];
      for (const auto& it : items) {
        if (!it.value("visible", false)) continue;
        const double right = it["css"]["x"].get<double>() + it["css"]["w"].get<double>();
        const double clip_right = it["clip_css"]["x"].get<double>() + it["clip_css"]["w"].get<double>();
        INFO("'" << it["text"].get<std::string>() << "' ends at " << right << ", the guide at " << clip_right);
        CHECK(right <= clip_right + 1);
      }
      CHECK(item(ui, "Do it for me") != nullptr);
      // The module keeps most of the width: all of it in narrow windows (the guide is below it).
      const double module_w = width_of(ui, "panel");
      CHECK(module_w >= (s.w < 1200 ? 0.95 : 0.5) * s.w - 260);
    }
  }
  CHECK(ui.ok({{"cmd", "guide.status"}})["progress"]["finished"] == true);
}
