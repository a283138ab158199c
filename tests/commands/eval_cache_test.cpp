// Evaluate's threshold slider: a run's test predictions are parsed once and kept by the session,
// and eval.run with curves: false answers only what the threshold and costs change.
#include <catch2/catch.hpp>

#include "support/session_fixture.hpp"

using labtest::SessionFixture;

TEST_CASE("moving the threshold rereads no file and returns only what changed") {
  SessionFixture f("eval_cache", 21);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 1500}, {"seed", 6}});
  std::string run = f.ok({{"cmd", "train.run"}})["run_id"];
  nlohmann::json full = f.ok({{"cmd", "eval.run"}, {"run_id", run}, {"threshold", 0.5}});
  CHECK(full.contains("roc"));
  CHECK(f.session.test_prediction_reads() == 1);
  for (double t : {0.1, 0.3, 0.7, 0.9}) {
    nlohmann::json part = f.ok({{"cmd", "eval.run"}, {"run_id", run}, {"threshold", t}, {"curves", false}});
    CHECK(part["threshold"] == t);
    CHECK(part.contains("at_threshold"));
    CHECK(part.contains("best_cost"));
    CHECK_FALSE(part.contains("roc"));
    CHECK_FALSE(part.contains("metrics"));
    // The same numbers as a full evaluation at that threshold.
    nlohmann::json again = f.ok({{"cmd", "eval.run"}, {"run_id", run}, {"threshold", t}});
    CHECK(again["at_threshold"] == part["at_threshold"]);
  }
  CHECK(f.session.test_prediction_reads() == 1);
  // A change to the run (here a rename) drops the cached copy, so nothing stale is shown.
  f.ok({{"cmd", "runs.rename"}, {"run_id", run}, {"name", "renamed"}});
  f.ok({{"cmd", "eval.run"}, {"run_id", run}, {"threshold", 0.5}});
  CHECK(f.session.test_prediction_reads() == 2);
  CHECK(f.error({{"cmd", "eval.run"}, {"run_id", "0123456789abcdef0123456789abcdef"}}).find("no run") != std::string::npos);
}
