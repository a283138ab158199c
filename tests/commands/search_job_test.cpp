// The tab's paced search (tune.start / automl.start, search.frame, .status, .pause, .resume,
// .cancel) gives what the blocking tune.run / automl.run give, and never makes a frame wait for
// its thread.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "core/tune/worker_pool.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {

json without_times(json board) {
  for (auto& row : board) row.erase("fit_seconds");
  return board;
}

// search.frame until the search is no longer running or finishing; returns the frames taken.
int frames_until_settled(labtest::SessionFixture& f, int max_frames = 200000) {
  int frames = 0;
  for (; frames < max_frames; ++frames) {
    const json r = f.ok({{"cmd", "search.frame"}, {"budget_ms", 4}});
    if (r["state"] != "running" && r["state"] != "finishing") break;
    if (r["units"] == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // a thread does the work
  }
  REQUIRE(frames < max_frames);
  return frames;
}

const json kTune = {{"algo", "logistic_regression"}, {"strategy", "random"}, {"trials", 5}, {"cv", 3}, {"seed", 5}};

}  // namespace

TEST_CASE("tune.start, stepped or threaded, gives tune.run's leaderboard and logs the same runs", "[search][commands]") {
  json blocking;
  {
    labtest::SessionFixture f("search_blocking", 21);
    f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 500}, {"seed", 2}});
    json cmd = kTune;
    cmd["cmd"] = "tune.run";
    blocking = f.ok(cmd);
  }
  for (bool main_thread : {true, false}) {
    INFO("on_main_thread " << main_thread);
    labtest::SessionFixture f(main_thread ? "search_stepped" : "search_threaded", 21);
    f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 500}, {"seed", 2}});
    json cmd = kTune;
    cmd["cmd"] = "tune.start";
    cmd["on_main_thread"] = main_thread;
    cmd["threads"] = 2;
    const json started = f.ok(cmd);
    REQUIRE(started["trials_planned"] == 5);
    // A build without threads (today's web build) steps every search on the main thread.
    REQUIRE(started["on_main_thread"] == (main_thread || !lab::threads_available()));
    frames_until_settled(f);
    const json st = f.ok({{"cmd", "search.status"}});
    REQUIRE(st["state"] == "done");
    REQUIRE(st["trials_ended"] == 5);
    REQUIRE(st["kind"] == "tune");
    const json& reply = st["reply"];
    REQUIRE(without_times(reply["leaderboard"]) == without_times(blocking["leaderboard"]));
    REQUIRE(without_times(st["leaderboard"]) == without_times(blocking["leaderboard"]));
    REQUIRE(reply["child_run_ids"].size() == 5);
    REQUIRE(reply["refit_state"] == "done");
    REQUIRE(reply["test_metrics"]["roc_auc"] == blocking["test_metrics"]["roc_auc"]);
    REQUIRE(reply["importance"]["features"].size() > 0);
    REQUIRE(reply["versus_manual"].contains("note"));  // no manual run yet
    Run parent = f.session.store().get_run(reply["parent_run_id"].get<std::string>());
    REQUIRE(parent.info.status == RunStatus::Finished);
    REQUIRE(parent.tags.at("lab.tune.refit_run_id") == reply["refit_run_id"]);
  }
}

TEST_CASE("search: pause holds a stepped search, resume and cancel keep every ended trial", "[search][commands]") {
  labtest::SessionFixture f("search_pause", 22);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 400}, {"seed", 3}});
  json cmd = kTune;
  cmd["cmd"] = "tune.start";
  cmd["trials"] = 40;
  cmd["on_main_thread"] = true;
  f.ok(cmd);
  // A few frames, then pause: frames do nothing while paused.
  while (f.ok({{"cmd", "search.status"}})["trials_ended"] < 2) f.ok({{"cmd", "search.frame"}, {"budget_ms", 1}});
  f.ok({{"cmd", "search.pause"}});
  const size_t ended = f.ok({{"cmd", "search.status"}})["trials_ended"];
  for (int i = 0; i < 5; ++i) REQUIRE(f.ok({{"cmd", "search.frame"}})["units"] == 0);
  REQUIRE(f.ok({{"cmd", "search.status"}})["state"] == "paused");
  REQUIRE(f.ok({{"cmd", "search.status"}})["trials_ended"] == ended);
  REQUIRE(f.error({{"cmd", "search.pause"}}).find("only a running search") != std::string::npos);
  // One search at a time, and no new training either, while it is on.
  REQUIRE(f.error({{"cmd", "tune.start"}, {"algo", "svm"}}).find("search is paused") != std::string::npos);
  f.ok({{"cmd", "search.resume"}});
  f.ok({{"cmd", "search.frame"}, {"budget_ms", 1}});
  f.ok({{"cmd", "search.cancel"}});
  frames_until_settled(f);
  const json st = f.ok({{"cmd", "search.status"}});
  REQUIRE(st["state"] == "cancelled");
  REQUIRE(st["stopped_by"] == "cancel");
  const size_t kept = st["trials_ended"];
  REQUIRE(kept >= ended);
  REQUIRE(kept < 40);
  REQUIRE(st["reply"]["child_run_ids"].size() == kept);  // every ended trial logged
  REQUIRE(st["reply"]["refit_state"] == "done");         // the best so far refit
  REQUIRE(f.error({{"cmd", "search.cancel"}}).find("no search is running") != std::string::npos);
}

TEST_CASE("search: a threaded search is polled, never joined while it runs", "[search][commands][threads]") {
  if (!lab::threads_available()) {
    WARN("this build has no threads: every search is stepped on the main thread (tested above)");
    return;
  }
  labtest::SessionFixture f("search_poll", 23);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 3}});
  json cmd = kTune;
  cmd["cmd"] = "tune.start";
  cmd["algo"] = "hist_gbdt";
  cmd["trials"] = 6;
  cmd["threads"] = 2;
  f.ok(cmd);
  // Every frame returns quickly while the thread works, and sees the trials end one by one.
  double longest_ms = 0;
  std::set<int> seen;
  for (;;) {
    const auto t0 = std::chrono::steady_clock::now();
    const json r = f.ok({{"cmd", "search.frame"}, {"budget_ms", 4}});
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (r["state"] != "running") break;
    longest_ms = std::max(longest_ms, ms);
    REQUIRE(r["units"] == 0);  // no fit on this thread
    seen.insert(r["trials_ended"].get<int>());
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  CHECK(longest_ms < 100);  // a poll and a copy of the progress, never a wait for the thread
  CHECK(seen.size() >= 3);  // progress showed live, not all at the end
  frames_until_settled(f);
  REQUIRE(f.ok({{"cmd", "search.status"}})["state"] == "done");
}

TEST_CASE("search: refusals say why", "[search][commands]") {
  labtest::SessionFixture f("search_refuse", 24);
  REQUIRE(f.error({{"cmd", "tune.start"}}).find("no dataset") != std::string::npos);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 300}, {"seed", 3}});
  REQUIRE(f.error({{"cmd", "tune.start"}, {"budget_s", 0}}).find("budget") != std::string::npos);
  REQUIRE(f.error({{"cmd", "search.pause"}}).find("only a running search") != std::string::npos);
  REQUIRE(f.ok({{"cmd", "search.status"}})["state"] == "idle");
  f.ok({{"cmd", "train.start"}, {"algo", "logistic_regression"}});
  REQUIRE(f.error({{"cmd", "automl.start"}}).find("training run is in progress") != std::string::npos);
}

TEST_CASE("automl.start registers the winner as challenger and compares it with the best manual run",
          "[search][automl][commands]") {
  labtest::SessionFixture f("search_automl", 25);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 400}, {"seed", 4}});
  f.ok({{"cmd", "train.run"}, {"algo", "decision_tree"}, {"seed", 3}});
  f.ok({{"cmd", "automl.start"}, {"cv", 3}, {"candidates_per_learner", 2}, {"seed", 3}, {"register_as", "loan-automl"},
        {"on_main_thread", true}});
  frames_until_settled(f);
  const json st = f.ok({{"cmd", "search.status"}});
  REQUIRE(st["state"] == "done");
  REQUIRE(st["data_checks"].is_array());
  const json& reply = st["reply"];
  REQUIRE(reply["registered"]["alias"] == "challenger");
  REQUIRE(reply["recipe"].is_array());
  REQUIRE(reply["importance"]["features"].size() > 0);
  const json& vs = reply["versus_manual"];
  INFO(vs.dump());
  REQUIRE(vs["manual"]["algo"] == "decision_tree");
  REQUIRE(vs["difference"].get<double>() == Approx(vs["search"]["value"].get<double>() - vs["manual"]["value"].get<double>()));
}

TEST_CASE("the tab's search logs each trial as it ends: a reload in the middle keeps them", "[search][commands]") {
  labtest::SessionFixture f("search_logged_as_it_goes", 21);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 500}, {"seed", 2}});
  json cmd = kTune;
  cmd["cmd"] = "tune.start";
  cmd["trials"] = 60;
  cmd["on_main_thread"] = true;
  f.ok(cmd);
  json r;
  for (int i = 0; i < 100000; ++i) {
    r = f.ok({{"cmd", "search.frame"}, {"budget_ms", 1}});
    if (r["trials_ended"].get<size_t>() >= 3) break;
  }
  REQUIRE(r["state"] == "running");
  const size_t ended = r["trials_ended"];

  // The page reloads now: a new session reads the same store.
  FixedClock clock;
  Session again(f.session.store().root(), clock, 8);
  std::string parent;
  size_t children = 0;
  for (const RunInfo& info : again.store().list_runs(again.experiment_id(), ViewType::All)) {
    const Run run = again.store().get_run(info.run_id);
    if (run.tags.count("lab.tune.role") && run.tags.at("lab.tune.role") == "parent") {
      parent = info.run_id;
      CHECK(info.status == RunStatus::Running);
      CHECK(run.tags.at("mlflow.note.content").find("interrupted") != std::string::npos);
    }
  }
  REQUIRE_FALSE(parent.empty());
  for (const RunInfo& info : again.store().list_runs(again.experiment_id(), ViewType::All)) {
    const Run run = again.store().get_run(info.run_id);
    auto p = run.tags.find("mlflow.parentRunId");
    if (p == run.tags.end() || p->second != parent) continue;
    ++children;
    CHECK(run.metrics.count("cv_roc_auc_mean") == 1);
  }
  CHECK(children == ended);

  // Run to the end: the same parent holds every trial once, and its note is gone.
  frames_until_settled(f);
  const json done = f.ok({{"cmd", "search.status"}});
  REQUIRE(done["state"] == "done");
  CHECK(done["reply"]["parent_run_id"] == parent);
  CHECK(done["reply"]["child_run_ids"].size() == 60);
  const std::set<std::string> unique_children(done["reply"]["child_run_ids"].begin(), done["reply"]["child_run_ids"].end());
  CHECK(unique_children.size() == 60);
  const Run finished = f.session.store().get_run(parent);
  CHECK(finished.info.status == RunStatus::Finished);
  CHECK(finished.tags.at("mlflow.note.content").empty());
}
