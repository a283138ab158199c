#include "commands/sync/room_compare.hpp"

#include <cmath>

#include "core/sync/leaderboard.hpp"

namespace lab {

std::optional<MyBest> my_best_run(const std::vector<Run>& runs, const std::string& metric) {
  if (metric.empty()) return std::nullopt;
  const bool lower = sync::lower_is_better(metric);
  std::optional<MyBest> best;
  for (const Run& r : runs) {
    const MetricPoint* p = r.latest(metric);
    if (!p || std::isnan(p->value)) continue;
    if (!best || (lower ? p->value < best->value : p->value > best->value)) best = MyBest{&r, p->value};
  }
  return best;
}

}  // namespace lab
