// A search stepped a (trial, fold) fit at a time (how a page without threads paces it per frame)
// gives exactly the trials and leaderboard of the same search run to the end on the pool.
#include <catch2/catch.hpp>

#include "core/data/dataset_catalog.hpp"
#include "support/leaderboard_without_times.hpp"
#include "core/tune/automl_job.hpp"
#include "core/tune/search_stepper.hpp"

using namespace lab;
using nlohmann::json;

namespace {

TuneResult stepped(std::unique_ptr<SearchStepper> s, size_t& steps) {
  steps = 0;
  while (s->step()) ++steps;
  REQUIRE(s->ended());
  REQUIRE_FALSE(s->step());
  return s->take_result();
}

}  // namespace

TEST_CASE("search stepper: stepped and blocking tunes give the identical leaderboard", "[tune][stepper]") {
  Table data = make_dataset("loan", 450, 6);
  for (const char* strategy : {"random", "grid", "halving"}) {
    TuneRequest req;
    req.algo = "hist_gbdt";
    req.strategy = strategy;
    req.trials = std::string(strategy) == "grid" ? 4 : 9;
    req.cv = 3;
    req.seed = 11;
    req.threads = 2;
    if (std::string(strategy) == "halving") req.max_resources = 27;
    else req.space = {{"n_estimators", {{"min", 5}, {"max", 15}}}};
    INFO(strategy);
    TuneControl blocking_control, stepped_control;
    const TuneResult a = run_tune(data, req, blocking_control);
    std::vector<int> order;
    stepped_control.on_trial = [&](const TrialResult& t) { order.push_back(t.trial); };
    std::unique_ptr<SearchStepper> s = prepare_tune(data, req, stepped_control);
    const size_t planned = s->planned_trials();
    size_t steps = 0;
    const TuneResult b = stepped(std::move(s), steps);
    REQUIRE(a.trials.size() == b.trials.size());
    REQUIRE(planned == b.trials.size());  // nothing failed, nothing stopped early
    REQUIRE(steps + 1 >= b.trials.size() * 3 * 3);  // at least prepare, step and score per fit
    REQUIRE(labtest::leaderboard_without_times(a) == labtest::leaderboard_without_times(b));
    REQUIRE(b.stopped_by == "plan");
    REQUIRE(b.threads_used == 1);
    // On one thread the trials end in plan order.
    for (size_t i = 1; i < order.size(); ++i) REQUIRE(order[i - 1] < order[i]);
  }
}

TEST_CASE("search stepper: a stepped AutoML gives the blocking one's cross-learner leaderboard", "[automl][stepper]") {
  Table data = make_dataset("loan", 400, 8);
  AutomlRequest req;
  req.cv = 3;
  req.candidates_per_learner = 2;
  req.seed = 3;
  req.threads = 2;
  TuneControl one, two;
  const TuneResult a = run_automl(data, req, one);
  size_t steps = 0;
  const TuneResult b = stepped(prepare_automl(data, req, two), steps);
  REQUIRE(b.trials.size() == a.trials.size());
  REQUIRE(labtest::leaderboard_without_times(a) == labtest::leaderboard_without_times(b));
  REQUIRE(b.best().algo == a.best().algo);
}

TEST_CASE("search stepper: cancel between two fits keeps every ended trial", "[tune][stepper][cancel]") {
  Table data = make_dataset("loan", 400, 2);
  TuneRequest req;
  req.algo = "logistic_regression";
  req.trials = 6;
  req.cv = 3;
  TuneControl control;
  size_t ended = 0;
  control.on_trial = [&](const TrialResult&) { ++ended; };
  std::unique_ptr<SearchStepper> s = prepare_tune(data, req, control);
  // Two trials, then a few pieces into the third one's first fold: cancel lands mid-trial.
  while (ended < 2) REQUIRE(s->step());
  for (int i = 0; i < 3; ++i) REQUIRE(s->step());
  REQUIRE(ended == 2);
  control.cancel = true;
  REQUIRE_FALSE(s->step());
  const TuneResult r = s->take_result();
  REQUIRE(r.stopped_by == "cancel");
  REQUIRE(r.trials.size() == 2);
  REQUIRE(r.has_best());
  TuneControl whole;
  const TuneResult full = run_tune(data, req, whole);
  for (size_t i = 0; i < 2; ++i) REQUIRE(r.trials[i].fold_scores == full.trials[i].fold_scores);
}
