#pragma once
// A tune: one learner, a search space (core/tune/search_space.hpp), a strategy (grid, random, or
// successive halving as scikit-learn's HalvingRandomSearchCV), every trial scored by k-fold
// cross-validation on the training rows only (core/tune/cv_data.hpp), trials run on a pool of
// threads (core/tune/worker_pool.hpp). Each (trial, fold) fit is deterministic given the seed, so
// the leaderboard is the same with 1 or N threads. The budget is a number of trials and/or
// seconds; cancel stops handing out work and keeps every finished trial. The winner is refit on
// all training rows and scored once on the test rows by TrainJob (best_train_request()).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/data/table.hpp"
#include "core/pipeline/train_job.hpp"
#include "core/tune/halving_schedule.hpp"
#include "core/tune/tune_metric.hpp"

namespace lab {

// trials for a grid that should run whole (its size is capped at this anyway).
inline constexpr int64_t kWholeGrid = 100000;

struct TuneRequest {
  std::string algo = "hist_gbdt";
  nlohmann::json space = nlohmann::json::object();  // narrowing (core/tune/search_space.hpp)
  std::string strategy = "random";                   // grid | random | halving
  int cv = 5;
  int64_t trials = 20;   // the budget in trials (halving: candidates in the first rung); 0 = by time only
  double budget_s = 0;   // the budget in seconds; 0 = none
  int threads = 1;
  uint64_t seed = 42;
  double test_fraction = 0.2;
  std::string task = "auto";
  nlohmann::json features = nlohmann::json::object();
  std::string metric;    // "" = the task's default (core/tune/tune_metric.hpp)
  int grid_points = 5;   // values per range on a grid
  // Successive halving.
  int factor = 3;
  std::string min_resources = "exhaust";  // a number, "smallest" or "exhaust"
  std::string resource = "auto";          // auto (trees for forest/boosting, else rows) | rows | n_estimators
  int64_t max_resources = 0;              // 0: all training rows, or n_estimators' upper tuning bound
};

struct TrialResult {
  int trial = 0;            // index in the order trials were planned
  std::string algo;         // the learner (a tune has one; AutoML several)
  int rung = 0;             // halving rung (0 for grid/random)
  int64_t resources = 0;    // rows or trees it was scored with (halving), else the training rows
  nlohmann::json params;    // the searched values and the fixed ones (what the run logs)
  std::vector<double> fold_scores;
  double mean = 0, std = 0;  // population std over folds, as scikit-learn's std_test_score
  double fit_seconds = 0;    // summed over folds (0 without a clock)
  std::string status = "finished";  // finished | failed (error says why)
  std::string error;
};

// Holds worker threads between two (trial, fold) fits while paused; never in the middle of a fit.
class PauseGate {
 public:
  void set(bool paused);
  bool paused() const;
  // Returns at once unless paused; else when resumed or `cancel` is set (set() wakes the waiters).
  void wait_while_paused(const std::atomic<bool>& cancel) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool paused_ = false;
};

// Live view and control of a running tune, from another thread or a callback.
struct TuneControl {
  std::atomic<bool> cancel{false};
  // Only for a search running on worker threads: a search stepped on the calling thread pauses by
  // not being stepped (waiting here would block that thread).
  PauseGate pause;
  // Called (under a lock, from whichever worker thread) after each trial ends, in the order they
  // end; for progress display. The trial list the job returns is in plan order regardless.
  std::function<void(const TrialResult&)> on_trial;
  // Seconds on some monotonic clock; needed for a budget in seconds and for fit times.
  std::function<double()> now_s;
};

struct TuneResult {
  TuneMetric metric;
  Task task = Task::Binary;
  std::string strategy, resource;  // resource: rows | n_estimators (halving), "" otherwise
  size_t training_rows = 0, test_rows = 0;
  std::vector<size_t> training_row_ids, test_row_ids;  // table rows, ascending (for peers to compare on)
  int threads_used = 1;
  double search_seconds = 0;          // wall time of the trials (0 without a clock)
  std::vector<TrialResult> trials;    // finished and failed ones, in plan order
  std::vector<size_t> leaderboard;    // indices into trials: best first (halving: later rungs first)
  std::string stopped_by;             // plan (all planned trials ran) | time | cancel
  std::vector<HalvingRung> rungs;     // halving: the schedule
  std::string note;                   // e.g. a grid cut short by the trials budget
  nlohmann::json space;               // the space searched (SearchSpace::to_json)
  TrainRequest base;                  // what every trial shares (seed, split, task, features)
  bool has_best() const { return !leaderboard.empty() && trials[leaderboard.front()].status == "finished"; }
  const TrialResult& best() const { return trials[leaderboard.front()]; }
  // The winner as a training request: refit on all training rows, scored once on the test rows.
  TrainRequest best_train_request() const;
  nlohmann::json leaderboard_json() const;  // rank, trial, rung, resources, params, mean, std, folds, fit time
  // Once the trials ended (`finished_plan`: none was stopped by time or cancel): the search's
  // seconds since `start`, what stopped it, and the leaderboard.
  void close(const TuneControl& control, double start, bool finished_plan);
};

class SearchStepper;

// The tune checked, its folds prepared and its trials planned, ready to be stepped
// (core/tune/search_stepper.hpp); `control` must outlive the stepper. Throws
// std::invalid_argument before any trial for bad requests (budget 0, empty space, one-class
// target, too few rows per class for the folds, unknown metric or strategy).
std::unique_ptr<SearchStepper> prepare_tune(const Table& data, const TuneRequest& request, TuneControl& control);

// The whole tune on the calling thread plus request.threads - 1 workers: prepare_tune, then the
// stepper run to the end (so a stepped tune gives the same leaderboard).
TuneResult run_tune(const Table& data, const TuneRequest& request, TuneControl& control);

}  // namespace lab
