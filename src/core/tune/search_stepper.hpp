#pragma once
// A planned search (a tune or AutoML) as a state machine over its batches: a first batch (grid or
// random trials; AutoML's baseline), then successive halving's rungs, each rung's survivors chosen
// from the one before. step() does one (trial, fold) fit on the calling thread, so a page without
// threads can pace a search a fit per frame; run_to_end() runs each batch on the pool. Both give
// the same trials and leaderboard (each fit depends only on its trial, fold and seed).
#include <memory>
#include <vector>

#include "core/tune/trial_batch.hpp"

namespace lab {

struct SearchPlan {
  std::vector<Planned> first;       // scored on every training row; may be empty
  std::vector<Planned> candidates;  // successive halving's first rung; empty = no halving
  HalvingPlan halving;
  int first_halving_trial = 0;      // the trial number of the first rung's first candidate
};

class SearchStepper {
 public:
  // `header`: what was settled before any trial (task, metric, rows, space, rungs, base request).
  SearchStepper(TuneResult header, CvData cv, const BatchSettings& settings, TuneControl& control, SearchPlan plan);
  SearchStepper(const SearchStepper&) = delete;
  SearchStepper& operator=(const SearchStepper&) = delete;

  // One fit on the calling thread. Returns false once the search ended (plan, time or cancel).
  bool step();
  // Every batch left, each on settings.threads threads.
  void run_to_end();
  bool ended() const { return ended_; }
  // Trials the plan holds (first batch plus every rung's candidates); fewer run when time or
  // cancel stops the search, or halving loses candidates to failures.
  size_t planned_trials() const { return planned_; }
  // The trials, leaderboard and what stopped the search; complete once ended().
  const TuneResult& result() const { return result_; }
  TuneResult take_result() { return std::move(result_); }

 private:
  void end_batch();  // collects the batch's trials and starts the next batch, or closes
  void start_rung();

  TuneResult result_;
  CvData cv_;
  TuneControl& control_;
  SearchPlan plan_;
  double start_ = 0;
  BatchRunner runner_;
  bool in_rungs_ = false;
  size_t rung_ = 0;
  size_t rung_begin_ = 0;  // where the current rung's trials start in result_.trials
  int next_trial_ = 0;
  std::vector<Planned> alive_;
  size_t planned_ = 0;
  bool ended_ = false;
};

}  // namespace lab
