#pragma once
// One cross-validation fit: a learner with the given params trained on a fold's training part
// (optionally a seeded, class-stratified subsample of it: successive halving's row resource) and
// scored on the fold's held-out part with the tune's metric.
#include <atomic>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/data/target_task.hpp"
#include "core/models/learner.hpp"
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

// One fold fit in pieces, so a search paced per frame can stop between two learner steps (one
// tree, one epoch, one chunk of SMO iterations): the constructor prepares the rows and begins the
// learner, step() takes one learner step (step_part() a bounded part of one), score() scores the
// held-out rows once done(). fit_fold
// is the same pieces in one call, so the score is the same either way.
class FoldFitter {
 public:
  // Throws std::invalid_argument for params the learner refuses.
  FoldFitter(const CvFold& fold, const TargetTask& task, const TuneMetric& metric, const FoldFitRequest& req);
  ~FoldFitter();
  bool done() const;
  void step();       // one whole learner step
  void step_part();  // a bounded part of one (Learner::step_part: the same fit, in smaller units)
  double score() const;

 private:
  const CvFold& fold_;
  const TargetTask& task_;
  const TuneMetric& metric_;
  // The rows the learner fits on: kept here, as a learner may read them at every step.
  DenseMatrix X_, X_val_;
  std::vector<double> y_, y_val_;
  std::unique_ptr<Learner> learner_;
  std::vector<size_t> held_;
  size_t fitted_rows_ = 0;  // training plus validation rows, as the run's metrics count them
};

// The metric on the fold's held-out rows. Throws std::invalid_argument for params the learner
// refuses, FoldFitCancelled when cancelled.
double fit_fold(const CvFold& fold, const TargetTask& task, const TuneMetric& metric, const FoldFitRequest& req,
                const std::atomic<bool>& cancel);

}  // namespace lab
