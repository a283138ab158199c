#pragma once
// The scikit-learn (or xgboost) estimator that stands for a lab learner, with the lab's params
// mapped to it, and in words what still differs. Every lab learner has a counterpart; where the
// match is not exact (the forests search 255 quantile bins, the lab's SVM fits Platt's sigmoid on
// the whole training set) the difference is said, in the notebook and as a code comment.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/models/learner.hpp"

namespace lab {

struct PythonLearner {
  std::string import_line;  // e.g. "from sklearn.linear_model import LogisticRegression"
  // The constructor call. It may refer to SEED and, for xgboost's starting score, y_fit (the
  // labels of the rows the model is fitted on).
  std::string constructor;
  std::string summary;                   // one sentence: which estimator and why
  std::vector<std::string> differences;  // what is not the same as in the lab, plain words
  int early_stopping_rounds = 0;         // > 0: fit with the lab's validation rows as eval_set
  bool xgboost = false;
};

// Throws std::invalid_argument for an algo the writer does not know.
PythonLearner python_learner(const std::string& algo, const nlohmann::json& params, Task task);

}  // namespace lab
