#pragma once
// AutoML over the lab's learners: the target is checked first (one class or no usable target is
// refused with the reason, by the same TrainJob validation every run has), a baseline is scored
// (logistic regression for classes, ridge regression for numbers, defaults), then every other
// learner that can do the task gets a few random configurations from its own default search
// space, and they all share one successive-halving schedule on training rows (factor 3,
// scikit-learn's semantics) so weak learners drop out early and the budget goes to the strong
// ones. Gradient boosting early-stops on a validation part of each fold's training rows. The
// leaderboard spans learners; the winner is refit by TrainJob (TuneResult::best_train_request).
#include <memory>
#include <string>
#include <vector>

#include "core/tune/tune_job.hpp"

namespace lab {

struct AutomlRequest {
  // Empty: every learner for the task; knn and svm only up to kSmallTrainingRows training rows
  // (both grow with the square of the rows in CV).
  std::vector<std::string> algos;
  int candidates_per_learner = 6;
  double budget_s = 0;  // 0 = until the schedule is done
  int threads = 1;
  int cv = 5;
  uint64_t seed = 42;
  double test_fraction = 0.2;
  std::string task = "auto";
  nlohmann::json features = nlohmann::json::object();
  std::string metric;  // "" = the task's default
  int factor = 3;
};

inline constexpr size_t kSmallTrainingRows = 5000;

// The baseline learner for a task: logistic_regression, or ridge_regression for regression.
std::string baseline_algo(Task task);

// The search checked, its folds prepared and its trials planned, ready to be stepped
// (core/tune/search_stepper.hpp); `control` must outlive it. Throws as run_automl.
std::unique_ptr<SearchStepper> prepare_automl(const Table& data, const AutomlRequest& request, TuneControl& control);

// prepare_automl, then the stepper run to the end on request.threads threads.
// Throws std::invalid_argument before any trial for an unusable target, a learner that cannot do
// the task, a budget below 0 or too few candidates.
TuneResult run_automl(const Table& data, const AutomlRequest& request, TuneControl& control);

}  // namespace lab
