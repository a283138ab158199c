// The room's leaderboard from runs/search pages.
#include <catch2/catch.hpp>

#include "core/sync/leaderboard.hpp"

using namespace lab::sync;
using nlohmann::json;

TEST_CASE("pages of runs/search become a ranked leaderboard with who made each run", "[sync]") {
  auto run = [](const std::string& id, const std::string& user, json metrics) {
    return json{{"info", {{"run_id", id}, {"run_name", "n" + id}, {"status", "FINISHED"}}},
                {"data", {{"metrics", metrics}, {"tags", {{{"key", "mlflow.user"}, {"value", user}}, {{"key", "lab.run_id"}, {"value", "L" + id}}}}}}};
  };
  std::vector<RemoteRun> runs;
  std::string token = add_search_page({{"runs", {run("1", "ana", {{{"key", "accuracy"}, {"value", 0.8}}}),
                                                 run("2", "bo", {{{"key", "accuracy"}, {"value", 0.9}}})}},
                                       {"next_page_token", "p2"}},
                                      runs);
  CHECK(token == "p2");
  token = add_search_page({{"runs", {run("3", "cy", json::array()), run("4", "di", {{{"key", "accuracy"}, {"value", "NaN"}}})}}}, runs);
  CHECK(token.empty());
  REQUIRE(runs.size() == 4);
  CHECK(runs[0].user == "ana");
  CHECK(runs[0].lab_run_id == "L1");
  CHECK(default_metric(runs) == "accuracy");
  auto rows = leaderboard(runs, "accuracy");
  CHECK(rows[0].run->user == "bo");
  CHECK(rows[0].rank == 1);
  CHECK(rows[1].run->user == "ana");
  CHECK(rows[2].rank == 0);  // no value: listed last, unranked
  CHECK(lower_is_better("val_loss"));
  CHECK(lower_is_better("rmse"));
  CHECK_FALSE(lower_is_better("roc_auc"));
}
