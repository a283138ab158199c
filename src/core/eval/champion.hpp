#pragma once
// "Select the champion by metric X": rank candidate runs by one metric and say why the winner
// won, in words a participant can repeat (margin over the runner-up, caveats).
#include <string>
#include <vector>

namespace lab {

struct ChampionCandidate {
  std::string run_id, run_name, dataset_hash;
  double value = 0;  // the chosen metric
};

struct ChampionChoice {
  ChampionCandidate winner;
  std::vector<ChampionCandidate> ranking;  // best first
  bool higher_is_better = true;
  std::string explanation;
};

// Metrics where smaller is better (losses and errors); everything else is higher-is-better.
bool lower_is_better(const std::string& metric);

// Throws std::invalid_argument when there is no candidate with a finite value.
ChampionChoice select_champion(std::vector<ChampionCandidate> candidates, const std::string& metric);

}  // namespace lab
