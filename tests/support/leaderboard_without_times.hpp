#pragma once
// A search's leaderboard without the fit times: what must be the same between two runs of one
// search (thread counts, stepped or blocking): the plan, params, fold scores and ranking.
#include <nlohmann/json.hpp>

#include "core/tune/tune_job.hpp"

namespace labtest {

inline nlohmann::json leaderboard_without_times(const lab::TuneResult& t) {
  nlohmann::json rows = t.leaderboard_json();
  for (auto& row : rows) row.erase("fit_seconds");
  return rows;
}

}  // namespace labtest
