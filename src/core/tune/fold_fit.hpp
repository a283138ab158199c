#pragma once
// One cross-validation fit: a learner with the given params trained on a fold's training part
// (optionally a seeded, class-stratified subsample of it: successive halving's row resource) and
// scored on the fold's held-out part with the tune's metric.
#include <atomic>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/data/target_task.hpp"
#include "core/tune/cv_data.hpp"
#include "core/tune/tune_metric.hpp"

namespace lab {

struct FoldFitRequest {
  std::string algo;
  nlohmann::json params;
  uint64_t seed = 42;      // the learner's seed (the same for every trial, as random_state)
  double fraction = 1.0;   // share of the fold's rows (train and held-out) to use, (0, 1]
  uint64_t subsample_seed = 0;
};

// Thrown out of fit_fold when `cancel` was set between two learner steps.
struct FoldFitCancelled {};

// The metric on the fold's held-out rows. Throws std::invalid_argument for params the learner
// refuses, FoldFitCancelled when cancelled.
double fit_fold(const CvFold& fold, const TargetTask& task, const TuneMetric& metric, const FoldFitRequest& req,
                const std::atomic<bool>& cancel);

}  // namespace lab
