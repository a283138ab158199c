#include "core/eval/champion.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace lab {

bool lower_is_better(const std::string& metric) {
  for (const char* m : {"log_loss", "brier", "rmse", "mae", "mape", "train_loss", "val_loss"})
    if (metric == m) return true;
  return false;
}

ChampionChoice select_champion(std::vector<ChampionCandidate> candidates, const std::string& metric) {
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [](const ChampionCandidate& c) { return !std::isfinite(c.value); }),
                   candidates.end());
  if (candidates.empty())
    throw std::invalid_argument("no finished run has the metric '" + metric + "'; train a model first or pick another metric");
  ChampionChoice out;
  out.higher_is_better = !lower_is_better(metric);
  std::stable_sort(candidates.begin(), candidates.end(), [&](const ChampionCandidate& a, const ChampionCandidate& b) {
    return out.higher_is_better ? a.value > b.value : a.value < b.value;
  });
  out.ranking = candidates;
  out.winner = candidates.front();
  char buf[512];
  const char* dir = out.higher_is_better ? "highest" : "lowest";
  if (candidates.size() == 1) {
    std::snprintf(buf, sizeof buf, "%s is the only finished run with %s (%.4f); train a challenger to compare against.",
                  out.winner.run_name.c_str(), metric.c_str(), out.winner.value);
  } else {
    const ChampionCandidate& second = candidates[1];
    double margin = std::fabs(out.winner.value - second.value);
    std::snprintf(buf, sizeof buf, "%s has the %s %s of %zu runs: %.4f, %.4f %s the runner-up %s (%.4f).",
                  out.winner.run_name.c_str(), dir, metric.c_str(), candidates.size(), out.winner.value, margin,
                  out.higher_is_better ? "above" : "below", second.run_name.c_str(), second.value);
  }
  out.explanation = buf;
  if (candidates.size() > 1 && std::fabs(out.winner.value - candidates[1].value) < 0.005)
    out.explanation += " The margin is small: check it holds on another split or seed before promoting.";
  for (const auto& c : candidates)
    if (c.dataset_hash != out.winner.dataset_hash) {
      out.explanation += " Caution: not every run used the same dataset version, so the comparison is not like for like.";
      break;
    }
  return out;
}

}  // namespace lab
