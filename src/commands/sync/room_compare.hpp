#pragma once
// "Compare with mine": the participant's best local run by the room's metric, to put beside the
// room's best (same direction rule as the leaderboard: lower is better for losses and errors).
#include <optional>
#include <string>
#include <vector>

#include "core/track/run_types.hpp"

namespace lab {

struct MyBest {
  const Run* run = nullptr;
  double value = 0;
};
std::optional<MyBest> my_best_run(const std::vector<Run>& runs, const std::string& metric);

}  // namespace lab
