#include "core/eval/result_hints.hpp"

#include <cmath>

namespace lab {

namespace {
const double* find(const std::vector<std::pair<std::string, double>>& m, const std::string& name) {
  for (const auto& [k, v] : m)
    if (k == name) return &v;
  return nullptr;
}
}  // namespace

std::vector<std::string> result_hints(const std::vector<std::pair<std::string, double>>& metrics) {
  std::vector<std::string> hints;
  const double *precision = find(metrics, "precision"), *recall = find(metrics, "recall"),
               *auc = find(metrics, "roc_auc");
  // Binary at threshold 0.5: no true positive at all means (almost always) no row predicted positive.
  if (precision && recall && *precision == 0 && *recall == 0) {
    std::string h =
        "Precision and recall are 0: at threshold 0.5 the model predicts the negative class for every held-out "
        "row, so it predicts one class.";
    if (auc && std::isfinite(*auc) && *auc > 0.6)
      h += " Its ROC AUC shows it still ranks rows: pick a lower threshold in Evaluate.";
    else
      h += " Try another learner, more iterations, or features that tell the classes apart.";
    hints.push_back(h);
  }
  return hints;
}

}  // namespace lab
