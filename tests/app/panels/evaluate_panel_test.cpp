// Evaluate names the classes as Explore does: the loan workshop's confusion matrix says
// "declined (0)" and "loan approved (1)" (from the target's description, which the run's contract
// keeps), not a bare "actual 0 / predicted 1".
#include "app/headless_ui.hpp"
#include "app/widgets.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

TEST_CASE("Evaluate's confusion matrix names the loan classes as Explore names them", "[app][ui][evaluate]") {
  HeadlessUi ui("lab_app_evaluate_classes", 7);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 1500}, {"seed", 2}});
  const json run = ui.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}});
  const json eval = ui.ok({{"cmd", "eval.run"}, {"run_id", run["run_id"]}, {"threshold", 0.5}});
  REQUIRE(eval.contains("target_description"));
  const std::string description = ui.session.dataset()->table.target()->description;
  CHECK(eval["target_description"] == description);
  // The one naming function Explore's legends use, on what Evaluate gets.
  CHECK(lab::app::class_display_names(eval["target_description"].get<std::string>(),
                                      eval["class_names"].get<std::vector<std::string>>()) ==
        std::vector<std::string>{"declined (0)", "loan approved (1)"});
  // Threshold moves (curves: false) leave it out: the panel keeps what it had.
  CHECK_FALSE(ui.ok({{"cmd", "eval.run"}, {"run_id", run["run_id"]}, {"threshold", 0.3}, {"curves", false}})
                  .contains("target_description"));
  REQUIRE(ui.shell.select_by_title("Evaluate"));
  for (int i = 0; i < 3; ++i) REQUIRE_NOTHROW(ui.frame(800, 600));
  CHECK(ui.ctx.draw_error.empty());
}
