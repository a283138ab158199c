#pragma once
// The training rows of a tune cut into cross-validation folds, each fold's feature pipeline fitted
// on that fold's training part only (so no held-out row shapes the imputation or scaling it is
// scored with) and its rows transformed once, shared read-only by every trial. The test rows are
// the ones TrainJob holds out for the same seed and test_fraction: a tune never reads them.
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/split.hpp"
#include "core/data/table.hpp"
#include "core/data/target_task.hpp"
#include "core/models/matrix.hpp"
#include "core/pipeline/train_job.hpp"

namespace lab {

struct CvFold {
  DenseMatrix X_train, X_test;
  std::vector<double> y_train, y_test;
};

struct CvData {
  TargetTask task;
  std::vector<size_t> training_rows, test_rows;  // table rows, ascending
  std::vector<CvFold> folds;
};

// `probe` is a TrainJob made for the same data and request (it validates the target, task and
// learner, and splits). Throws std::invalid_argument for too few rows per class (cv_folds).
CvData prepare_cv_data(const Table& data, const TrainJob& probe, const TrainRequest& req, int k, uint64_t seed);

}  // namespace lab
