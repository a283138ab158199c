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
// The same CSV in pieces, so 200k rows can be written over several units of work:
// header + the rows [from, to) appended chunk by chunk == test_predictions_to_csv(t).
std::string test_predictions_csv_header(const TestPredictions& t);
void append_test_predictions_csv_rows(const TestPredictions& t, size_t from, size_t to, std::string& out);

}  // namespace lab
