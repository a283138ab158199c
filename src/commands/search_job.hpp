#pragma once
// The tab's search: a tune or an AutoML run that never blocks a frame. Where the build has threads
// the trials run on a background thread (itself a pool of `threads`) and the main thread only
// polls a mutex-guarded copy of the trials ended so far; without threads (a page that is not
// cross-origin isolated) frame() steps the search a (trial, fold) fit at a time within its time
// budget (core/tune/search_stepper.hpp). Either way the trials and leaderboard are those of
// tune.run / automl.run with the same arguments. After the trials, frame() logs the parent and
// child runs, paces the refit of the best through the session's training job, and then adds the
// winner's permutation importance on the test rows, the comparison with the participant's best
// manual run and, for AutoML, the recipe and the optional registration as challenger.
#include <atomic>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "commands/search_outcome.hpp"
#include "core/tune/automl_job.hpp"
#include "core/tune/search_stepper.hpp"

namespace lab {

class Dispatcher;
class Session;

// Seconds that stop counting while paused, so a budget in seconds is the search's own time.
class PausableClock {
 public:
  double now() const;
  void pause();
  void resume();

 private:
  std::atomic<double> paused_total_{0};
  std::atomic<double> paused_since_{-1};
};

class SearchJob {
 public:
  enum class State { Idle, Running, Paused, Finishing, Done, Cancelled, Failed };

  SearchJob(Session& s, Dispatcher& d);
  ~SearchJob();  // cancels a running search and waits for its thread (the app is closing)

  // tune.run's / automl.run's arguments, plus on_main_thread (step on this thread even where
  // threads exist: tests, and what a page without them does). Throws std::invalid_argument for a
  // bad request, or while a search or a training runs.
  nlohmann::json start(const std::string& kind, const nlohmann::json& args);
  nlohmann::json pause();
  nlohmann::json resume();
  nlohmann::json cancel();
  // Once per frame: pieces of a stepped search's fits (or the refit's units) within budget_ms; a threaded
  // search is only polled. Returns {state, trials_ended, units: the pieces done here}.
  nlohmann::json frame(double budget_ms);
  // state, leaderboard so far (at most `limit` rows), trials planned/ended, elapsed, threads, the
  // trials in the order they ended (for a chart), the final reply or the error.
  nlohmann::json status(size_t limit) const;
  State state() const { return state_; }

 private:
  struct Search;
  void check_can_start() const;
  void log_new_trials();   // a child run for each trial that ended since the last frame
  void end_trials();       // the trials ended: take the result, start finishing
  void finish_step(double budget_ms, double started_ms);
  void close();            // the final reply's extras; Done or Cancelled
  void fail(const std::string& why);
  std::vector<TrialResult> trials_so_far() const;

  Session& s_;
  Dispatcher& d_;
  State state_ = State::Idle;
  std::unique_ptr<Search> search_;
};

const char* to_string(SearchJob::State s);

}  // namespace lab
