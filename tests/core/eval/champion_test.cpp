#include <catch2/catch.hpp>

#include "core/eval/champion.hpp"

using namespace lab;

TEST_CASE("the champion has the best metric and the explanation says by how much") {
  std::vector<ChampionCandidate> c = {{"a", "baseline", "h1", 0.8509}, {"b", "tuned", "h1", 0.8632}, {"c", "weak", "h1", 0.70}};
  ChampionChoice choice = select_champion(c, "roc_auc");
  REQUIRE(choice.winner.run_id == "b");
  REQUIRE(choice.ranking[1].run_id == "a");
  REQUIRE(choice.explanation == "tuned has the highest roc_auc of 3 runs: 0.8632, 0.0123 above the runner-up baseline (0.8509).");
}

TEST_CASE("losses are minimised; close calls and mixed data versions are flagged") {
  std::vector<ChampionCandidate> c = {{"a", "A", "h1", 0.450}, {"b", "B", "h2", 0.448}};
  ChampionChoice choice = select_champion(c, "log_loss");
  REQUIRE(choice.winner.run_id == "b");
  REQUIRE_FALSE(choice.higher_is_better);
  REQUIRE(choice.explanation.find("lowest log_loss") != std::string::npos);
  REQUIRE(choice.explanation.find("margin is small") != std::string::npos);
  REQUIRE(choice.explanation.find("not every run used the same dataset version") != std::string::npos);
  REQUIRE_THROWS_WITH(select_champion({}, "roc_auc"), Catch::Contains("no finished run has the metric 'roc_auc'"));
}
