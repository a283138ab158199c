#pragma once
// The metric a tune ranks its trials by: any metric the task reports (core/pipeline/train_job.hpp,
// score_predictions), higher-is-better or not. Defaults: roc_auc (binary), accuracy (multiclass),
// rmse (regression).
#include <string>
#include <vector>

#include "core/models/learner.hpp"

namespace lab {

struct TuneMetric {
  std::string name;
  bool greater_is_better = true;
};

// The metrics a search can rank by for the task, its default first.
std::vector<std::string> tune_metric_names(Task task);

// requested "" = the task's default. Throws std::invalid_argument listing the task's metrics.
TuneMetric tune_metric_for(Task task, const std::string& requested);

// a better than b under the metric; NaN is worse than any number (as scikit-learn ranks it).
bool better_score(const TuneMetric& m, double a, double b);

}  // namespace lab
