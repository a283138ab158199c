// A page reloaded or closed mid-search and mid-training leaves runs RUNNING; the tab's next start
// (runs.end_interrupted) ends them KILLED at their last logged point, with a note, and leaves
// finished runs alone.
#include "commands/tune_tracking.hpp"
#include "support/session_fixture.hpp"

using nlohmann::json;

namespace {

lab::TrialResult trial(int n) {
  lab::TrialResult t;
  t.trial = n;
  t.algo = "svm";
  t.params = {{"C", 1.0 + n}};
  t.fold_scores = {0.8, 0.9};
  t.mean = 0.85;
  return t;
}

json run_of(labtest::SessionFixture& f, const std::string& id) { return f.ok({{"cmd", "runs.get"}, {"run_id", id}}); }

}  // namespace

TEST_CASE("runs.end_interrupted ends a search's parent and a training run left RUNNING, at their last point",
          "[commands][runs]") {
  labtest::SessionFixture f("interrupted_runs", 7);
  const int64_t t0 = f.clock.t;

  // A search that logged two trials, the second 5 s after the start, then the page went away.
  lab::TuneRuns search = lab::start_tune_parent(f.session, "tune svm");
  f.clock.t = t0 + 2000;
  lab::log_tune_trial(f.session, search, "roc_auc", 42, 3, trial(0));
  f.clock.t = t0 + 5000;
  lab::log_tune_trial(f.session, search, "roc_auc", 42, 3, trial(1));

  // A training run that logged up to 9 s, and a run that ended normally.
  const std::string training = f.ok({{"cmd", "runs.create"}, {"run_name", "training"}})["run_id"];
  f.clock.t = t0 + 9000;
  f.ok({{"cmd", "runs.log_batch"}, {"run_id", training}, {"metrics", {{{"key", "loss"}, {"value", 0.5}, {"step", 3}}}}});
  const std::string done = f.ok({{"cmd", "runs.create"}, {"run_name", "done"}})["run_id"];
  f.ok({{"cmd", "runs.end"}, {"run_id", done}, {"status", "FINISHED"}});

  f.clock.t = t0 + 3600 * 1000;  // the participant comes back an hour later
  const json r = f.ok({{"cmd", "runs.end_interrupted"}});
  REQUIRE(r["ended"].size() == 2);

  const json parent = run_of(f, search.parent);
  CHECK(parent["status"] == "KILLED");
  CHECK(parent["end_time"] == t0 + 5000);  // when its last trial ended, not an hour later
  CHECK(parent["tags"]["mlflow.note.content"].get<std::string>().find("search was interrupted") != std::string::npos);
  for (const auto& [n, child] : search.trial_runs) CHECK(run_of(f, child)["status"] == "FINISHED");

  const json train = run_of(f, training);
  CHECK(train["status"] == "KILLED");
  CHECK(train["end_time"] == t0 + 9000);
  CHECK(train["tags"]["mlflow.note.content"].get<std::string>().find("while it trained") != std::string::npos);

  CHECK(run_of(f, done)["status"] == "FINISHED");
  CHECK(f.ok({{"cmd", "runs.end_interrupted"}})["ended"].empty());  // nothing left to end
}
