// Every module drawn through the real Shell, headless, at three window sizes, with each workshop
// dataset at several sizes and at each step of the workshop (generate, train, register, deploy).
#include <chrono>

#include "app/headless_ui.hpp"

using labtest::draw_every_module;
using labtest::HeadlessUi;
using nlohmann::json;

namespace {

struct Workshop {
  const char* dataset;
  const char* model;  // registered model and endpoint name
};
const Workshop kWorkshops[] = {{"loan", "loan-approval"}, {"churn", "churn"}, {"production_hours", "production-hours"}};

// The workshop's steps after generating: train, register, alias, deploy; every module drawn after each.
void walk_the_workshop(HeadlessUi& ui, const Workshop& w, const std::string& at, const std::string& algo) {
  json run = ui.ok({{"cmd", "train.run"}, {"algo", algo}, {"run_name", "first"}});
  draw_every_module(ui, at + ", trained");
  ui.ok({{"cmd", "registry.register"}, {"model", w.model}, {"run_id", run["run_id"]}});
  ui.ok({{"cmd", "registry.set_alias"}, {"model", w.model}, {"alias", "champion"}, {"version", 1}});
  draw_every_module(ui, at + ", registered");
  ui.ok({{"cmd", "serve.deploy"}, {"endpoint", std::string(w.model) + "-api"}, {"model", w.model}});
  draw_every_module(ui, at + ", deployed");
}

}  // namespace

TEST_CASE("every module draws with no data yet", "[app][ui]") {
  HeadlessUi ui("lab_app_empty", 1);
  draw_every_module(ui, "no dataset");
  // The probe saw the navigation: one labelled entry per module.
  json nav = ui.dispatcher.handle({{"cmd", "ui.items"}, {"window", "nav"}})["items"];
  REQUIRE(nav.size() == ui.modules().size());
}

TEST_CASE("every module draws through the loan, churn and production-hours workshops at 5,000 rows", "[app][ui]") {
  for (const Workshop& w : kWorkshops) {
    HeadlessUi ui(std::string("lab_app_") + w.dataset, 7);
    std::string at = std::string(w.dataset) + " at 5000 rows";
    ui.ok({{"cmd", "data.generate"}, {"dataset", w.dataset}, {"rows", 5000}, {"seed", 1}});
    draw_every_module(ui, at + ", generated");
    walk_the_workshop(ui, w, at, std::string(w.dataset) == "production_hours" ? "ridge_regression" : "logistic_regression");
  }
}

TEST_CASE("every module draws with iris (multi-class)", "[app][ui]") {
  HeadlessUi ui("lab_app_iris", 3);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "iris"}});
  draw_every_module(ui, "iris, loaded");
  walk_the_workshop(ui, Workshop{"iris", "iris"}, "iris", "logistic_regression");
}

TEST_CASE("every module draws at 50,000 and 200,000 rows", "[app][ui][large]") {
  for (int64_t rows : {50000, 200000}) {
    for (const Workshop& w : kWorkshops) {
      HeadlessUi ui(std::string("lab_app_large_") + w.dataset, 11);
      std::string at = std::string(w.dataset) + " at " + std::to_string(rows) + " rows";
      ui.ok({{"cmd", "data.generate"}, {"dataset", w.dataset}, {"rows", rows}, {"seed", 2}});
      // One window size for the large sets: the sizes are covered above, the row count here.
      draw_every_module(ui, at + ", generated", {{1280, 720}});
      json run = ui.ok({{"cmd", "train.run"}, {"algo", std::string(w.dataset) == "production_hours" ? "ridge_regression" : "gaussian_nb"}});
      ui.ok({{"cmd", "registry.register"}, {"model", w.model}, {"run_id", run["run_id"]}});
      ui.ok({{"cmd", "registry.set_alias"}, {"model", w.model}, {"alias", "champion"}, {"version", 1}});
      ui.ok({{"cmd", "serve.deploy"}, {"endpoint", std::string(w.model) + "-api"}, {"model", w.model}});
      draw_every_module(ui, at + ", deployed", {{1280, 720}});
    }
  }
}
