#include <catch2/catch.hpp>

#include "core/data/dataset_catalog.hpp"
#include "support/leaderboard_without_times.hpp"
#include "core/tune/tune_job.hpp"
#include "core/tune/worker_pool.hpp"

using namespace lab;
using nlohmann::json;

namespace {

TuneRequest small_request(const std::string& algo, const std::string& strategy, int64_t trials) {
  TuneRequest r;
  r.algo = algo;
  r.strategy = strategy;
  r.trials = trials;
  r.cv = 3;
  r.seed = 7;
  return r;
}

}  // namespace

TEST_CASE("tune: random search scores every trial by CV on the training rows", "[tune][job]") {
  Table data = make_dataset("loan", 600, 3);
  TuneRequest req = small_request("logistic_regression", "random", 6);
  TuneControl control;
  TuneResult t = run_tune(data, req, control);
  REQUIRE(t.trials.size() == 6);
  REQUIRE(t.metric.name == "roc_auc");
  REQUIRE(t.stopped_by == "plan");
  REQUIRE(t.training_rows + t.test_rows == 600);
  for (const auto& trial : t.trials) {
    REQUIRE(trial.status == "finished");
    REQUIRE(trial.fold_scores.size() == 3);
    REQUIRE(trial.mean > 0.6);
    REQUIRE(trial.mean <= 1.0);
    REQUIRE(trial.params["C"].get<double>() >= 1e-3);
  }
  // best first
  for (size_t i = 1; i < t.leaderboard.size(); ++i)
    REQUIRE(t.trials[t.leaderboard[i - 1]].mean >= t.trials[t.leaderboard[i]].mean);
  // The refit request is the winner's params on the same split as a plain training run.
  TrainRequest refit = t.best_train_request();
  REQUIRE(refit.params == t.best().params);
  TrainJob job(data, refit);
  REQUIRE(job.test_rows().size() == t.test_rows);
  REQUIRE(job.evaluate().roc_auc > 0.6);
}

TEST_CASE("tune: the same seed gives the same leaderboard with 1 and 2 threads", "[tune][job][threads]") {
  Table data = make_dataset("loan", 500, 4);
  for (const char* strategy : {"random", "halving"}) {
    TuneRequest req = small_request("hist_gbdt", strategy, 9);
    req.space = {{"n_estimators", {{"min", 5}, {"max", 20}}}};
    if (std::string(strategy) == "halving") req.space = json::object(), req.max_resources = 27;
    TuneControl one, two;
    req.threads = 1;
    TuneResult a = run_tune(data, req, one);
    req.threads = 2;
    TuneResult b = run_tune(data, req, two);
    INFO(strategy);
    REQUIRE(b.threads_used == (threads_available() ? 2 : 1));  // one thread in a wasm build without pthreads
    REQUIRE(a.trials.size() == b.trials.size());
    REQUIRE(labtest::leaderboard_without_times(a) == labtest::leaderboard_without_times(b));
  }
}

TEST_CASE("tune: successive halving follows its schedule with trees as the resource", "[tune][job][halving]") {
  Table data = make_dataset("loan", 500, 5);
  TuneRequest req = small_request("hist_gbdt", "halving", 9);
  req.max_resources = 27;
  TuneControl control;
  TuneResult t = run_tune(data, req, control);
  REQUIRE(t.resource == "n_estimators");
  // 9 candidates, factor 3, exhaust: 3 trees x 9, 9 trees x 3, 27 trees x 1.
  REQUIRE(t.rungs.size() == 3);
  REQUIRE(t.rungs[0].resources == 3);
  REQUIRE(t.rungs[2].resources == 27);
  std::vector<int> per_rung(3, 0);
  for (const auto& trial : t.trials) {
    ++per_rung[size_t(trial.rung)];
    REQUIRE(trial.params["n_estimators"] == t.rungs[size_t(trial.rung)].resources);
  }
  REQUIRE(per_rung == std::vector<int>{9, 3, 1});
  REQUIRE(t.best().rung == 2);
  // The survivors of rung 0 are its best three.
  std::vector<double> rung0;
  for (const auto& trial : t.trials)
    if (trial.rung == 0) rung0.push_back(trial.mean);
  std::sort(rung0.rbegin(), rung0.rend());
  for (const auto& trial : t.trials)
    if (trial.rung == 1) {
      json p = trial.params;
      p["n_estimators"] = 3;
      bool found = false;
      for (const auto& r0 : t.trials)
        if (r0.rung == 0 && r0.params == p) {
          found = true;
          REQUIRE(r0.mean >= rung0[2]);
        }
      REQUIRE(found);
    }
  // Rows as the resource for a learner without trees.
  TuneRequest rows = small_request("logistic_regression", "halving", 9);
  TuneResult r = run_tune(data, rows, control);
  REQUIRE(r.resource == "rows");
  REQUIRE(r.rungs.back().resources <= int64_t(r.training_rows));
}

TEST_CASE("tune: a last rung that asks for nearly every training row fits them all", "[tune][job][halving]") {
  // 5000 loan rows, test 0.2, 5 folds: 4000 training rows; 3 rungs of factor 3 exhaust at
  // 444 * 9 = 3996 rows, which rounds to every held-out row of each class in a fold of 800. Every
  // trial of that rung once failed ("the split leaves no rows on one side"), as in AutoML's.
  Table data = make_dataset("loan", 5000, 42);
  TuneRequest req = small_request("logistic_regression", "halving", 9);
  req.cv = 5;
  TuneControl control;
  TuneResult t = run_tune(data, req, control);
  REQUIRE(t.training_rows == 4000);
  REQUIRE(t.rungs.size() == 3);
  REQUIRE(t.rungs.back().resources == 3996);
  for (const auto& trial : t.trials) {
    INFO("trial " << trial.trial << " rung " << trial.rung << ": " << trial.error);
    REQUIRE(trial.status == "finished");
  }
}

TEST_CASE("tune: cancel keeps the finished trials", "[tune][job][cancel]") {
  Table data = make_dataset("loan", 400, 6);
  TuneRequest req = small_request("logistic_regression", "random", 40);
  TuneControl control;
  int ended = 0;
  control.on_trial = [&](const TrialResult&) {
    if (++ended == 3) control.cancel = true;
  };
  TuneResult t = run_tune(data, req, control);
  REQUIRE(t.stopped_by == "cancel");
  REQUIRE(t.trials.size() >= 3);
  REQUIRE(t.trials.size() < 40);
  for (const auto& trial : t.trials) REQUIRE(trial.status == "finished");
  REQUIRE(t.has_best());
}

TEST_CASE("tune: a budget in seconds stops handing out trials", "[tune][job][budget]") {
  Table data = make_dataset("loan", 300, 6);
  TuneRequest req = small_request("logistic_regression", "random", 0);
  req.budget_s = 5;
  TuneControl control;
  double fake_now = 0;
  control.now_s = [&] { return fake_now += 0.05; };  // every reading advances the clock 50 ms
  TuneResult t = run_tune(data, req, control);
  REQUIRE(t.stopped_by == "time");
  REQUIRE(!t.trials.empty());
  REQUIRE(t.trials.size() < 100);
}

TEST_CASE("tune: bad requests are refused with the reason", "[tune][job][errors]") {
  Table data = make_dataset("loan", 300, 6);
  TuneControl control;
  TuneRequest zero = small_request("logistic_regression", "random", 0);
  REQUIRE_THROWS_WITH(run_tune(data, zero, control), Catch::Contains("a budget of 0 runs no trial"));
  TuneRequest empty = small_request("svm", "random", 5);
  empty.space = {{"kernel", json::array()}};
  REQUIRE_THROWS_WITH(run_tune(data, empty, control), Catch::Contains("leaves nothing to search"));
  TuneRequest metric = small_request("logistic_regression", "random", 5);
  metric.metric = "rmse";
  REQUIRE_THROWS_WITH(run_tune(data, metric, control), Catch::Contains("does not apply to a binary target"));
  // A target with one class.
  Table one = make_dataset("loan", 300, 6);
  Column* target = nullptr;
  for (auto& c : one.columns)
    if (&c == one.target()) target = &c;
  REQUIRE(target);
  for (auto& v : target->values) v = target->values.front();
  REQUIRE_THROWS_WITH(run_tune(one, small_request("logistic_regression", "random", 5), control),
                      Catch::Contains("only one class"));
  // Too few rows per class for the folds.
  Table tiny = make_dataset("loan", 12, 6);
  TuneRequest folds = small_request("logistic_regression", "random", 5);
  folds.cv = 5;
  REQUIRE_THROWS_WITH(run_tune(tiny, folds, control), Catch::Contains("every class needs at least 5"));
  // A trial whose params the learner refuses fails alone, with the reason.
  TuneRequest bad = small_request("hist_gbdt", "random", 2);
  bad.space = {{"max_depth", 0}, {"n_estimators", 3}};
  TuneResult t = run_tune(data, bad, control);
  REQUIRE(t.trials.size() == 2);
  REQUIRE(t.trials[0].status == "failed");
  REQUIRE_THAT(t.trials[0].error, Catch::Contains("max_leaves"));
  REQUIRE(!t.has_best());
}
