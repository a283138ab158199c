// tune.run through the dispatcher: the parent run, one child run per trial, the refit run, all in
// the store in MLflow's layout (tests/cli/tune.test.mjs reads the same layout with MLflow itself).
#include <catch2/catch.hpp>

#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

TEST_CASE("tune.run logs a parent, a child per trial and the refit", "[tune][commands]") {
  labtest::SessionFixture f("tune_run", 11);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 500}, {"seed", 2}});
  json r = f.ok({{"cmd", "tune.run"}, {"algo", "logistic_regression"}, {"strategy", "random"}, {"trials", 4},
                 {"cv", 3}, {"threads", 2}, {"seed", 5}});
  REQUIRE(r["trials"] == 4);
  REQUIRE(r["leaderboard"].size() == 4);
  REQUIRE(r["leaderboard"][0]["rank"] == 1);
  REQUIRE(r["child_run_ids"].size() == 4);
  const std::string parent = r["parent_run_id"], refit = r["refit_run_id"];
  FileStore& store = f.session.store();

  Run p = store.get_run(parent);
  REQUIRE(p.info.status == RunStatus::Finished);
  REQUIRE(p.params.at("strategy") == "random");
  REQUIRE(p.params.count("best_C") == 1);
  REQUIRE(p.params.at("best_C") == r["best"]["params"]["C"].dump());
  REQUIRE(p.tags.at("lab.tune.refit_run_id") == refit);
  REQUIRE(p.metrics.count("best_cv_roc_auc_mean") == 1);
  REQUIRE(p.metrics.count("test_roc_auc") == 1);
  const json board = json::parse(store.read_artifact(parent, "leaderboard.json"));
  REQUIRE(board == r["leaderboard"]);

  for (size_t i = 0; i < 4; ++i) {
    Run c = store.get_run(r["child_run_ids"][i].get<std::string>());
    REQUIRE(c.tags.at("mlflow.parentRunId") == parent);
    REQUIRE(c.tags.at("lab.tune.trial") == std::to_string(i));
    REQUIRE(c.params.count("C") == 1);
    REQUIRE(c.metrics.count("cv_roc_auc_mean") == 1);
    REQUIRE(c.metrics.count("cv_roc_auc_std") == 1);
    REQUIRE(c.metrics.count("fit_time_s") == 1);
    REQUIRE(c.metrics.at("cv_roc_auc_fold").size() == 3);  // one step per fold
  }
  Run best = store.get_run(refit);
  REQUIRE(best.tags.at("mlflow.parentRunId") == parent);
  REQUIRE(best.tags.at("lab.tune.role") == "refit");
  REQUIRE(best.params.at("C") == r["best"]["params"]["C"].dump());
  REQUIRE(best.latest("roc_auc")->value == r["test_metrics"]["roc_auc"].get<double>());
}

TEST_CASE("tune.run refuses bad requests with the reason and logs nothing", "[tune][commands]") {
  labtest::SessionFixture f("tune_bad", 12);
  REQUIRE_THAT(f.error({{"cmd", "tune.run"}}), Catch::Contains("no dataset loaded"));
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 300}, {"seed", 2}});
  REQUIRE_THAT(f.error({{"cmd", "tune.run"}, {"algo", "svm"}, {"trials", 0}}), Catch::Contains("a budget of 0"));
  REQUIRE_THAT(f.error({{"cmd", "tune.run"}, {"algo", "svm"}, {"budget_s", 0}}), Catch::Contains("a budget of 0 seconds runs nothing"));
  REQUIRE_THAT(f.error({{"cmd", "tune.run"}, {"algo", "svm"}, {"space", {{"kernel", json::array()}}}}),
               Catch::Contains("leaves nothing to search"));
  REQUIRE_THAT(f.error({{"cmd", "tune.run"}, {"algo", "svm"}, {"strategy", "bayes"}}), Catch::Contains("use grid, random or halving"));
  REQUIRE(f.session.store().list_runs(f.session.experiment_id()).empty());
  json space = f.ok({{"cmd", "tune.space"}, {"algo", "hist_gbdt"}, {"strategy", "halving"}});
  REQUIRE_FALSE(space["space"].contains("n_estimators"));
  REQUIRE(space["space"]["learning_rate"]["log"] == true);
}

TEST_CASE("tune.run: a grid runs whole unless trials caps it, and says so", "[tune][commands]") {
  labtest::SessionFixture f("tune_grid", 13);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 300}, {"seed", 2}});
  const json space = {{"C", json::array({0.1, 1, 10})}};
  json whole = f.ok({{"cmd", "tune.run"}, {"algo", "logistic_regression"}, {"strategy", "grid"}, {"cv", 3}, {"space", space},
                     {"refit", false}});
  REQUIRE(whole["trials"] == 3);
  REQUIRE_FALSE(whole.contains("note"));
  REQUIRE_FALSE(whole.contains("refit_run_id"));
  json capped = f.ok({{"cmd", "tune.run"}, {"algo", "logistic_regression"}, {"strategy", "grid"}, {"cv", 3},
                      {"space", space}, {"trials", 2}, {"refit", false}});
  REQUIRE(capped["trials"] == 2);
  REQUIRE_THAT(capped["note"].get<std::string>(), Catch::Contains("the grid has 3 points"));
}
