#pragma once
// The machinery a tune and AutoML share: a batch of planned trials (learner, params, rung,
// resources) scored by cross-validation on the worker pool, each (trial, fold) fit independent
// of which thread ran it; the ranking of ended trials; successive halving's plan.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/tune/cv_data.hpp"
#include "core/tune/fold_fit.hpp"
#include "core/tune/halving_schedule.hpp"
#include "core/tune/tune_job.hpp"

namespace lab {

// Seeds derived from the tune's seed, so the CV folds differ from the test split's shuffle and each
// rung's row subsample from both; a tune and an AutoML run with the same seed use the same folds.
inline constexpr uint64_t kFoldSeedSalt = 0x63766b666f6c64ull;       // "cvkfold"
inline constexpr uint64_t kSubsampleSeedSalt = 0x72756e6773756bull;  // "rungsub"

struct Planned {
  int trial = 0;
  std::string algo;
  int rung = 0;
  int64_t resources = 0;
  nlohmann::json params;
};

struct BatchSettings {
  uint64_t seed = 42;   // the learners' seed
  int threads = 1;
  double budget_s = 0;  // 0 = no time limit
};

// Runs a batch of planned trials, (trial, fold) fit by fit: one item at a time on the calling
// thread (step: a search paced per frame) or the rest on the pool (run_rest); either way each fit
// is the same, so the results are. end() appends the ended trials (finished or failed) in plan
// order; a trial cut short by time or cancel is left out, every ended one kept.
class BatchRunner {
 public:
  BatchRunner(const CvData& cv, const BatchSettings& settings, const TuneMetric& metric, TuneControl& control, double start)
      : cv_(cv), settings_(settings), metric_(metric), control_(control), start_(start) {}

  void begin(std::vector<Planned> batch, double fraction, uint64_t subsample_seed);
  // Whether the batch has fits left to hand out (false once time or cancel stopped it).
  bool items_left() const { return !stop_.load() && next_ < batch_.size() * cv_.folds.size(); }
  // A bounded piece of the next fit on the calling thread: preparing it, one part of a learner
  // step, or scoring it (core/tune/fold_fit.hpp's FoldFitter), so a frame is never held up by a
  // whole fit.
  void step();
  void run_rest(int& threads_used);   // every fit left, on settings.threads threads
  // Returns false when the search must stop (time or cancel).
  bool end(std::vector<TrialResult>& out);
  // begin, run_rest, end.
  bool run(const std::vector<Planned>& batch, double fraction, uint64_t subsample_seed, std::vector<TrialResult>& out,
           int& threads_used);

  bool out_of_time() const { return settings_.budget_s > 0 && control_.now_s() - start_ >= settings_.budget_s; }

 private:
  void work(size_t item);
  void fold_failed(size_t t, const std::string& error);
  void item_ended(size_t item);  // the trial ends with its last fold
  void finish(size_t t);

  const CvData& cv_;
  const BatchSettings settings_;
  const TuneMetric& metric_;
  TuneControl& control_;
  double start_;
  std::mutex mutex_;
  // The batch in flight.
  std::vector<Planned> batch_;
  double fraction_ = 1.0;
  uint64_t subsample_seed_ = 0;
  size_t next_ = 0;  // the next item step() or run_rest() hands out
  std::vector<TrialResult> results_;
  std::vector<std::unique_ptr<std::atomic<int>>> left_;  // folds left per trial
  std::unique_ptr<std::atomic<bool>[]> failed_;
  std::vector<char> ended_;                               // written under mutex_
  std::vector<std::string> errors_;                       // written under mutex_, read by the trial's last fold
  std::vector<double> seconds_;                           // per item
  std::atomic<bool> stop_{false};
  std::unique_ptr<FoldFitter> fitter_;  // step(): the fit of item next_ in progress
};

// Finished before failed; then later rungs first; then by score (NaN last); then plan order.
std::vector<size_t> rank_trials(const std::vector<TrialResult>& trials, const TuneMetric& m);

// Successive halving's plan: rung r scores the survivors with the rung's resources (rows: a
// seeded subsample of each fold; trees: n_estimators set to it), the best ceil(n / factor) go on
// (core/tune/search_stepper.hpp steps through it).
struct HalvingPlan {
  std::vector<HalvingRung> rungs;
  int factor = 3;
  bool rows = true;        // the resource: rows, or n_estimators
  int64_t n_train = 0;
  uint64_t subsample_seed = 0;
};

}  // namespace lab
