#pragma once
// The lab's feature pipeline (core/features/feature_pipeline.hpp) as pandas and scikit-learn code:
// derived columns computed with pandas, then one ColumnTransformer that imputes, bins, scales and
// one-hot encodes as the lab does (fitted on the training rows only, applied to the rest).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lab {

struct PythonFeatures {
  std::vector<std::string> imports;
  std::string derive_code;       // adds the derived columns to df; empty when there are none
  std::vector<std::string> derived_names;
  std::string transformer_code;  // defines `features` (a ColumnTransformer) and INPUTS
  std::vector<std::string> steps;  // each step in words, for the notebook's explanation
};

// numeric / categorical: the model's input columns in the lab's order (the spec's "drop" left out).
// Throws std::invalid_argument for a spec the lab itself would refuse.
PythonFeatures python_features(const nlohmann::json& spec, const std::vector<std::string>& numeric,
                               const std::vector<std::string>& categorical);

}  // namespace lab
