// automl.run: a baseline and the other learners on one halving budget, the winner refit, and its
// recipe replayed in a fresh session giving the same run, bit for bit.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

TEST_CASE("automl.run: baseline first, learners share a halving budget, the recipe replays bit for bit",
          "[automl][commands]") {
  labtest::SessionFixture f("automl_run", 21);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 600}, {"seed", 4}});
  json r = f.ok({{"cmd", "automl.run"}, {"cv", 3}, {"candidates_per_learner", 2}, {"threads", 2}, {"seed", 9},
                 {"register_as", "loan-approval"}});
  // the winner's refit run became the model's version 1, alias challenger
  REQUIRE(r["registered"] == json({{"model", "loan-approval"}, {"version", 1}, {"alias", "challenger"}}));
  json model = f.ok({{"cmd", "registry.get"}, {"model", "loan-approval"}});
  REQUIRE(model["aliases"]["challenger"] == 1);
  REQUIRE(r["strategy"] == "automl");
  REQUIRE(r["data_checks"].is_array());  // the quality checklist's warnings and failures, if any
  REQUIRE(r["metric"] == "roc_auc");
  std::set<std::string> algos;
  for (const auto& row : r["leaderboard"]) algos.insert(row["algo"].get<std::string>());
  // every learner for a binary target took part (600 rows: knn and svm included)
  REQUIRE(algos == std::set<std::string>{"logistic_regression", "knn", "gaussian_nb", "svm", "decision_tree",
                                         "random_forest", "hist_gbdt"});
  // the baseline is trial 0, scored on every training row
  json baseline;
  for (const auto& row : r["leaderboard"])
    if (row["trial"] == 0) baseline = row;
  REQUIRE(baseline["algo"] == "logistic_regression");
  REQUIRE(baseline["resources"] == r["training_rows"]);
  // 12 candidates (6 learners x 2), factor 3: 12 -> 4 -> 2
  REQUIRE(r["rungs"].size() == 3);
  REQUIRE(r["rungs"][0]["candidates"] == 12);
  REQUIRE(r["rungs"][2]["candidates"] == 2);
  REQUIRE(r["trials"] == 1 + 12 + 4 + 2);
  // boosting early-stops inside each fold
  for (const auto& row : r["leaderboard"])
    if (row["algo"] == "hist_gbdt") REQUIRE(row["params"]["early_stopping_rounds"] == 10);

  // The recipe, replayed in a fresh session, gives the winner's run bit for bit.
  const json recipe = r["recipe"];
  REQUIRE(recipe.back()["cmd"] == "train.run");
  REQUIRE(recipe.back()["params"] == r["best"]["params"]);
  labtest::SessionFixture replay("automl_replay", 99);
  json last;
  for (const auto& step : recipe) last = replay.ok(step);
  REQUIRE(last["algo"] == f.session.store().get_run(r["refit_run_id"].get<std::string>()).params.at("algo"));
  for (auto it = r["test_metrics"].begin(); it != r["test_metrics"].end(); ++it) {
    INFO(it.key());
    const double a = it.value().get<double>(), b = last["metrics"][it.key()].get<double>();
    REQUIRE((a == b || (std::isnan(a) && std::isnan(b))));
  }
  // the recipe is also saved beside the refit run's model
  REQUIRE(json::parse(f.session.store().read_artifact(r["refit_run_id"].get<std::string>(), "recipe.json")) == recipe);
}

TEST_CASE("automl.run refuses an unusable target with the reason", "[automl][commands]") {
  labtest::SessionFixture f("automl_bad", 22);
  std::string csv = "x,y\n";
  for (int i = 0; i < 30; ++i) csv += std::to_string(i) + ",yes\n";
  f.ok({{"cmd", "data.import_csv"}, {"text", csv}, {"name", "one.csv"}, {"target", "y"}});
  REQUIRE_THAT(f.error({{"cmd", "automl.run"}}), Catch::Contains("only one class"));
  REQUIRE(f.session.store().list_runs(f.session.experiment_id()).empty());
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 300}, {"seed", 4}});
  REQUIRE_THAT(f.error({{"cmd", "automl.run"}, {"algos", {"ridge_regression"}}}), Catch::Contains("ridge_regression does not do binary"));
  REQUIRE_THAT(f.error({{"cmd", "automl.run"}, {"candidates_per_learner", 0}}), Catch::Contains("at least 1"));
  REQUIRE_THAT(f.error({{"cmd", "automl.run"}, {"budget_s", 0}}), Catch::Contains("a budget of 0 seconds runs nothing"));
}
