// The Monitor module drawn headless: before any endpoint, with a small and a large simulated
// history (version change included), at the sizes participants use; its widgets are found by
// label as the browser tests find them.
#include "app/headless_ui.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

namespace {

void deploy(HeadlessUi& ui) {
  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 3}});
  for (double C : {1.0, 0.05}) {
    std::string run = ui.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}, {"params", {{"C", C}}}})["run_id"];
    ui.ok({{"cmd", "registry.register"}, {"model", "loan"}, {"run_id", run}});
  }
  ui.ok({{"cmd", "registry.set_alias"}, {"model", "loan"}, {"alias", "champion"}, {"version", 1}});
  ui.ok({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan"}});
}

// Drawn this frame; `visible`: also inside the module's view (not scrolled away).
bool has_item(HeadlessUi& ui, const std::string& text, bool visible = true) {
  json r = ui.ok({{"cmd", "ui.items"}, {"text", text}});
  for (const auto& i : r["items"])
    if (!visible || i.value("visible", false)) return true;
  return false;
}

void draw_sizes(HeadlessUi& ui) {
  REQUIRE(ui.shell.select_by_title("Monitor"));
  for (auto [w, h] : {std::pair{800.f, 600.f}, std::pair{1280.f, 720.f}, std::pair{1920.f, 1080.f}}) {
    INFO("Monitor at " << w << "x" << h);
    for (int i = 0; i < 3; ++i) REQUIRE_NOTHROW(ui.frame(w, h));
    REQUIRE(ui.ctx.draw_error.empty());
  }
}

}  // namespace

TEST_CASE("Monitor asks for a deployment first, then draws small and large histories", "[app][ui][monitor]") {
  HeadlessUi ui("lab_app_monitor", 9);
  draw_sizes(ui);
  CHECK_FALSE(has_item(ui, "Simulate"));  // it asks for a deployment first

  deploy(ui);
  ui.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "concept_drift"}, {"days", 6}, {"requests", 300}});
  draw_sizes(ui);
  CHECK(has_item(ui, "Simulate"));
  // The metrics sit at the bottom; a screen tall enough shows the whole module.
  for (int i = 0; i < 2; ++i) ui.frame(1920, 4000);
  CHECK(has_item(ui, "Copy metrics"));
  CHECK(has_item(ui, "scenario"));
  CHECK(has_item(ui, "Windows table"));

  // A promotion, then a long history: 40 days, 20,000 requests.
  ui.ok({{"cmd", "registry.set_alias"}, {"model", "loan"}, {"alias", "champion"}, {"version", 2}});
  ui.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "data_quality"}, {"days", 40}, {"requests", 20000}});
  draw_sizes(ui);
  json w = ui.ok({{"cmd", "monitor.windows"}, {"endpoint", "loan-api"}});
  REQUIRE(w["version_changes"].size() == 1);
  CHECK(w["version_changes"][0]["window"] == 7);
}
