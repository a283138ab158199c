#include <catch2/catch.hpp>

#include "core/data/dataset_catalog.hpp"
#include "support/leaderboard_without_times.hpp"
#include "core/tune/automl_job.hpp"
#include "core/tune/worker_pool.hpp"

using namespace lab;
using nlohmann::json;

TEST_CASE("automl: the same seed gives the same cross-learner leaderboard with 1 and 2 threads", "[automl][threads]") {
  Table data = make_dataset("loan", 400, 8);
  AutomlRequest req;
  req.cv = 3;
  req.candidates_per_learner = 2;
  req.seed = 3;
  TuneControl one, two;
  req.threads = 1;
  const TuneResult a = run_automl(data, req, one);
  req.threads = 2;
  const TuneResult b = run_automl(data, req, two);
  REQUIRE(b.threads_used == (threads_available() ? 2 : 1));  // one thread in a wasm build without pthreads
  REQUIRE(a.trials.size() == 1 + 12 + 4 + 2);
  REQUIRE(labtest::leaderboard_without_times(a) == labtest::leaderboard_without_times(b));
  REQUIRE(a.best_train_request().algo == a.best().algo);
}

TEST_CASE("automl: regression gets the ridge baseline and the regression learners only", "[automl]") {
  Table data = make_dataset("production_hours", 300, 2);
  AutomlRequest req;
  req.cv = 3;
  req.candidates_per_learner = 1;
  TuneControl control;
  const TuneResult r = run_automl(data, req, control);
  REQUIRE(r.metric.name == "rmse");
  REQUIRE_FALSE(r.metric.greater_is_better);
  REQUIRE(r.trials.front().algo == "ridge_regression");
  for (const auto& t : r.trials) {
    REQUIRE(t.algo != "logistic_regression");
    REQUIRE(t.algo != "svm");
    REQUIRE(t.algo != "gaussian_nb");
  }
  // lower is better: the best has the smallest mean among the last rung's finished trials
  for (const auto& t : r.trials)
    if (t.rung == r.best().rung && t.status == "finished") REQUIRE(r.best().mean <= t.mean);
}

TEST_CASE("automl: knn and svm sit out above 5,000 training rows unless named", "[automl]") {
  Table data = make_dataset("loan", 6500, 1);
  AutomlRequest req;
  req.cv = 2;
  req.candidates_per_learner = 1;
  TuneControl control;
  const TuneResult all = run_automl(data, req, control);
  REQUIRE(all.training_rows > kSmallTrainingRows);
  REQUIRE(all.space.contains("hist_gbdt"));
  REQUIRE_FALSE(all.space.contains("knn"));
  REQUIRE_FALSE(all.space.contains("svm"));
  req.algos = {"knn"};
  const TuneResult named = run_automl(data, req, control);
  REQUIRE(named.trials.size() == 2);  // the baseline and the one named learner
  REQUIRE(named.space.contains("knn"));
}
