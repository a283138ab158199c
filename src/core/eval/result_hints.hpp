#pragma once
// Plain-language hints for held-out results that look broken to a first-time participant, e.g.
// precision and recall of 0: the model predicts one class for every row.
#include <string>
#include <utility>
#include <vector>

namespace lab {

// metrics: a run's held-out metrics by name (TrainResult::metrics). Returns zero or more hints.
std::vector<std::string> result_hints(const std::vector<std::pair<std::string, double>>& metrics);

}  // namespace lab
