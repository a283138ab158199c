#pragma once
// The machinery a tune and AutoML share: a batch of planned trials (learner, params, rung,
// resources) scored by cross-validation on the worker pool, each (trial, fold) fit independent
// of which thread ran it; the ranking of ended trials; and successive halving's rung loop.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/tune/cv_data.hpp"
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

// Runs a batch of planned trials on the pool; appends the ended ones (finished or failed) to
// `out` in plan order. Returns false when the tune must stop (time or cancel).
class BatchRunner {
 public:
  BatchRunner(const CvData& cv, const BatchSettings& settings, const TuneMetric& metric, TuneControl& control, double start)
      : cv_(cv), settings_(settings), metric_(metric), control_(control), start_(start) {}

  bool run(const std::vector<Planned>& batch, double fraction, uint64_t subsample_seed, std::vector<TrialResult>& out,
           int& threads_used);

  bool out_of_time() const { return settings_.budget_s > 0 && control_.now_s() - start_ >= settings_.budget_s; }

 private:
  void finish(TrialResult& r, const std::string& error, const double* seconds, size_t k, char& ended);

  const CvData& cv_;
  const BatchSettings settings_;
  const TuneMetric& metric_;
  TuneControl& control_;
  double start_;
  std::mutex mutex_;
};

// Finished before failed; then later rungs first; then by score (NaN last); then plan order.
std::vector<size_t> rank_trials(const std::vector<TrialResult>& trials, const TuneMetric& m);

// Successive halving over `candidates` (each a learner and its params) on `schedule`: rung r
// scores the survivors with the rung's resources (rows: a seeded subsample of each fold; trees:
// n_estimators set to it), the best ceil(n / factor) go on. Trials are numbered from
// `first_trial`. Returns false when time or cancel stopped it.
struct HalvingPlan {
  std::vector<HalvingRung> rungs;
  int factor = 3;
  bool rows = true;        // the resource: rows, or n_estimators
  int64_t n_train = 0;
  uint64_t subsample_seed = 0;
};
bool run_halving(BatchRunner& runner, std::vector<Planned> candidates, const HalvingPlan& plan, int first_trial,
                 const TuneMetric& metric, std::vector<TrialResult>& out, int& threads_used);

}  // namespace lab
