#pragma once
// explain.pdp: partial dependence and ICE of one of a run's input columns over its held-out rows
// (core/explain/partial_dependence.hpp), in the participant's units: a number's grid over its
// range, a category's every category, with the column's own values as a rug.
#include <nlohmann/json.hpp>

#include "commands/explain_subject.hpp"

namespace lab {

// args: {feature, grid?: 30, rows?: 1000, ice?: 40, class?: name or index (multiclass)}. Throws
// std::invalid_argument naming the valid features, classes or ranges.
nlohmann::json partial_dependence_reply(const ExplainSubject& subject, const nlohmann::json& args);

}  // namespace lab
