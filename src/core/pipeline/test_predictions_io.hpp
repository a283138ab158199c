#pragma once
// A run's held-out predictions as artifacts: JSON that the Evaluate module reads back, and a
// CSV for people (y_true, then one column per score: P(class) or the predicted value).
#include <nlohmann/json.hpp>
#include <string>

#include "core/pipeline/train_job.hpp"

namespace lab {

nlohmann::json test_predictions_to_json(const TestPredictions& t);
TestPredictions test_predictions_from_json(const nlohmann::json& j);  // throws std::invalid_argument if malformed
std::string test_predictions_to_csv(const TestPredictions& t);

}  // namespace lab
