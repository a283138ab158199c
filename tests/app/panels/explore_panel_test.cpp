// The Explore module's PCA map drawn headless: opened with its button (pressed with the mouse),
// the map and its loadings at every window size, a large table mapped from a sample, and a new
// dataset mapping again.
#include "app/headless_ui.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

TEST_CASE("Explore's PCA map opens with its button and follows the dataset", "[app][ui][explore][pca]") {
  HeadlessUi ui("lab_app_explore_pca", 21);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 1500}, {"seed", 4}});
  REQUIRE(ui.shell.select_by_title("Explore"));
  for (int i = 0; i < 3; ++i) ui.frame(1280, 720);
  CHECK(ui.ok({{"cmd", "ui.explore"}})["pca_shown"] == false);
  // The button sits below the other charts: scroll the module down to it as a participant would.
  bool clicked = false;
  for (int scroll = 0; scroll < 10 && !clicked; ++scroll) {
    clicked = ui.click("Show PCA map", 1280, 720, "panel");
    if (!clicked) {
      ImGui::GetIO().MousePos = ImVec2(640, 400);
      ImGui::GetIO().MouseWheel = -5;
      ui.frame(1280, 720);
    }
  }
  REQUIRE(clicked);
  json state = ui.ok({{"cmd", "ui.explore"}});
  CHECK(state["pca_shown"] == true);
  CHECK(state["pca_error"] == "");
  CHECK(state["points"] == 1500);
  REQUIRE(state["pca"]["components"].size() == 2);
  CHECK(state["pca"]["components"][0]["loadings"].size() == 4);
  for (const auto& s : labtest::ui_window_sizes()) {
    INFO("Explore at " << s.w << "x" << s.h);
    for (int i = 0; i < 2; ++i) REQUIRE_NOTHROW(ui.frame(s.w, s.h));
    REQUIRE(ui.ctx.draw_error.empty());
  }
  // A large dataset: the map follows it, from a sample of its rows (drawn as a density).
  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 60000}, {"seed", 5}});
  for (const auto& s : labtest::ui_window_sizes())
    for (int i = 0; i < 2; ++i) REQUIRE_NOTHROW(ui.frame(s.w, s.h));
  state = ui.ok({{"cmd", "ui.explore"}});
  CHECK(state["pca"]["rows"] == 60000);
  CHECK(state["pca"]["stride"] == 3);
  CHECK(state["points"] == 20000);
}
