#include <catch2/catch.hpp>

#include "support/session_fixture.hpp"

using nlohmann::json;

// Issue 9 item 7: float parameters stay doubles from the form to the store and are written in
// shortest round-trip form, so the documented filter finds the run.
TEST_CASE("float params are logged as 0.1, not 0.10000000149011612, and the filter finds the run") {
  labtest::SessionFixture f("train_params_logging", 3);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 400}, {"seed", 2}});
  f.ok({{"cmd", "train.run"},
        {"algo", "hist_gbdt"},
        {"test_fraction", 0.2},
        {"params", {{"learning_rate", 0.1}, {"n_estimators", 5}, {"subsample", 0.7}}}});
  f.ok({{"cmd", "train.run"}, {"algo", "hist_gbdt"}, {"params", {{"learning_rate", 0.3}, {"n_estimators", 5}}}});

  json hit = f.ok({{"cmd", "runs.search"}, {"filter", "params.learning_rate = '0.1' and params.test_fraction = '0.2'"}});
  REQUIRE(hit["runs"].size() == 1);
  const json& params = hit["runs"][0]["params"];
  CHECK(params["learning_rate"] == "0.1");
  CHECK(params["subsample"] == "0.7");
  CHECK(params["test_fraction"] == "0.2");
  CHECK(params["min_child_weight"] == "1.0");  // a whole double keeps its ".0", as MLflow's str() does
  CHECK(f.ok({{"cmd", "runs.search"}, {"filter", "params.learning_rate = '0.3'"}})["runs"].size() == 1);
}

// Issue 9 item 9: the live curve's x is the learner's own step number, the one the progress bar
// shows (SVM: SMO iterations, thousands per point), not the point's index.
TEST_CASE("the loss curve's steps are the learner's step numbers, as the progress bar shows") {
  labtest::SessionFixture f("train_curve_steps", 3);
  f.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 600}, {"seed", 4}});
  f.ok({{"cmd", "train.run"}, {"algo", "svm"}, {"params", {{"kernel", "rbf"}}}});
  const auto& t = f.session.training();
  REQUIRE(t.steps.size() == t.train_loss.size());
  REQUIRE(t.steps.size() >= 2);
  CHECK(t.steps.back() == double(t.step));
  CHECK(t.steps.back() > double(t.steps.size()));  // SMO iterations, not 1, 2, 3, ...
  for (size_t i = 1; i < t.steps.size(); ++i) CHECK(t.steps[i] > t.steps[i - 1]);
}
