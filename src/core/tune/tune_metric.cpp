#include "core/tune/tune_metric.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace lab {

std::vector<std::string> tune_metric_names(Task t) {
  switch (t) {
    case Task::Binary: return {"roc_auc", "accuracy", "precision", "recall", "f1", "pr_auc", "log_loss", "brier"};
    case Task::Multiclass:
      return {"accuracy", "macro_f1", "weighted_f1", "macro_precision", "macro_recall", "roc_auc_ovr", "log_loss"};
    case Task::Regression: return {"rmse", "mae", "r2", "mape"};
  }
  return {};
}

TuneMetric tune_metric_for(Task task, const std::string& requested) {
  const std::vector<std::string> known = tune_metric_names(task);
  const std::string name = requested.empty() ? known.front() : requested;
  bool ok = false;
  std::string list;
  for (const auto& m : known) ok = ok || m == name, list += (list.empty() ? "" : ", ") + m;
  if (!ok)
    throw std::invalid_argument("metric '" + name + "' does not apply to a " + to_string(task) + " target; use one of: " + list);
  const bool lower = name == "log_loss" || name == "brier" || name == "rmse" || name == "mae" || name == "mape";
  return {name, !lower};
}

bool better_score(const TuneMetric& m, double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return m.greater_is_better ? a > b : a < b;
}

}  // namespace lab
