#pragma once
// One prediction explained for a participant: per-feature effects on their own columns (one-hot
// groups folded back), sorted by size, as a waterfall from the base value to the answer, with a
// sentence per feature ("Internet Service = Fiber optic raises the probability of Churn = Yes
// by 0.21").
//
// Binary models that add up log-odds (boosting, logistic regression) are shown in probability:
// the waterfall applies the effects in order (largest first) and each step is the change in
// probability it makes, so the steps add up exactly to answer - base. Trees that average class
// probabilities (decision tree, forest) and regressions add up directly.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/explain/contributions.hpp"
#include "core/pipeline/predictor.hpp"

namespace lab {

struct FeatureEffect {
  std::string feature, value;  // the participant's column and its value as text
  double contribution = 0;     // on the model's raw scale (Contributions::scale)
  double step = 0;             // the waterfall step on the answer's scale
};

struct RowExplanation {
  std::string method;           // shap | linear
  std::string raw_scale;        // log-odds | probability | score | value
  std::string answer;           // what base and output measure, e.g. "probability of Churn = Yes"
  double base = 0, output = 0;  // on the answer's scale: base + sum(steps) = output
  double raw_base = 0, raw_output = 0;
  std::vector<FeatureEffect> effects;  // largest |step| first
  std::vector<std::string> sentences;
  nlohmann::json to_json() const;
};

// method: "shap" (tree models), "linear" (logistic regression) or "auto" (whichever applies).
// class_index: the class to explain for multiclass (-1: the predicted class). Throws
// std::invalid_argument naming the methods that do apply.
RowExplanation explain_record(const Predictor& p, const nlohmann::json& record, const std::string& method,
                              int class_index = -1);

// The methods that can explain this predictor's model, best first.
std::vector<std::string> explain_methods(const Predictor& p);

}  // namespace lab
