// The shell's "Reload to update" band (src/app/shell.cpp, state from commands/site_update.hpp):
// shown only when a new version waits, fits at 800x600 beside every module, and is greyed out
// while a run trains.
#include "app/headless_ui.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

namespace {
json offer_items(HeadlessUi& ui) { return ui.dispatcher.handle({{"cmd", "ui.items"}, {"text", "Reload to update"}})["items"]; }
}  // namespace

TEST_CASE("update offer: shown when a version waits, disabled mid-training", "[app][site]") {
  HeadlessUi ui("lab_app_update_offer", 2);
  lab::SiteState site;
  int applied = 0;
  lab::register_site_commands(ui.dispatcher, ui.session, site, [&applied] { ++applied; });
  ui.ctx.site = &site;
  ui.frame(1280, 720);
  ui.frame(1280, 720);
  CHECK(offer_items(ui).empty());

  ui.ok({{"cmd", "site.page_state"}, {"version", "v1"}, {"offline_ready", true}});
  ui.ok({{"cmd", "site.update_available"}, {"version", "v2"}});
  for (const auto& size : labtest::ui_window_sizes()) {
    INFO(size.w << "x" << size.h);
    ui.frame(size.w, size.h);
    ui.frame(size.w, size.h);
    json items = offer_items(ui);
    REQUIRE(items.size() == 1);
    CHECK(items[0]["visible"] == true);
    CHECK(items[0]["enabled"] == true);
    CHECK(items[0]["rect"]["x"].get<double>() + items[0]["rect"]["w"].get<double>() <= size.w);
  }

  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 1}});
  ui.ok({{"cmd", "train.start"}, {"algo", "logistic_regression"}, {"seed", 1}});
  ui.frame(800, 600);
  ui.frame(800, 600);
  CHECK(offer_items(ui)[0]["enabled"] == false);
  CHECK(applied == 0);
}
