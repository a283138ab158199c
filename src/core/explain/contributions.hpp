#pragma once
// One prediction split into per-feature contributions that add up exactly:
//     base + sum(values) = output   (on the model's raw scale)
// Trees: exact TreeSHAP over every tree (tree_shap.hpp). Logistic regression: its linear
// score's terms, coefficient x (standardised) input, with the intercept as the base.
#include <string>
#include <vector>

#include "core/models/learner.hpp"

namespace lab {

struct Contributions {
  std::vector<std::string> names;  // one per value: the model's input columns, or folded sources
  std::vector<double> values;
  double base = 0;    // the output with no feature known (trees: the training expectation)
  double output = 0;  // the model's raw output for this row
  std::string scale;  // "log-odds", "probability", "score" or "value": what base and output are
  int output_index = 0;  // the class explained (binary: 1; regression: 0)
};

// Whether tree_contributions can explain this learner (decision tree, random forest, hist GBDT).
bool explains_with_tree_shap(const Learner& model);

// Exact TreeSHAP for one transformed row x (model.predict's columns), of class `class_index`'s
// output (ignored for binary, which explains class 1, and regression). names: the columns.
// Throws std::invalid_argument for other learners or a model without recorded cover.
Contributions tree_contributions(const Learner& model, const std::vector<double>& x,
                                 const std::vector<std::string>& names, int class_index);

// Exact linear terms of logistic regression (score = intercept + sum coef_j x_j).
// Throws std::invalid_argument for another learner.
Contributions linear_contributions(const Learner& model, const std::vector<double>& x,
                                   const std::vector<std::string>& names, int class_index);

// Sums the contributions of the columns that came from the same source (sources[i] names
// column i's source, FeaturePipeline::output_sources), in the order sources first appear.
Contributions fold_contributions(const Contributions& c, const std::vector<std::string>& sources);

}  // namespace lab
