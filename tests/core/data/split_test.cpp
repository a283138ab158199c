#include <catch2/catch.hpp>

#include "core/data/split.hpp"

using namespace lab;

TEST_CASE("stratified split keeps class shares and covers every row once") {
  std::vector<double> y;
  for (int i = 0; i < 1000; ++i) y.push_back(i % 10 < 3 ? 1.0 : 0.0);  // 30% positives
  SplitIndices s = stratified_split(y, 0.2, 5);
  REQUIRE(s.test.size() == 200);
  REQUIRE(s.train.size() == 800);
  std::vector<int> seen(1000, 0);
  for (auto i : s.train) seen[i]++;
  for (auto i : s.test) seen[i]++;
  for (int c : seen) REQUIRE(c == 1);
  double pos = 0;
  for (auto i : s.test) pos += y[i];
  REQUIRE(pos == 60);
  REQUIRE(stratified_split(y, 0.2, 5).test == s.test);
  REQUIRE(stratified_split(y, 0.2, 6).test != s.test);
}

TEST_CASE("split rejects bad fractions") {
  std::vector<double> y(10, 1.0);
  REQUIRE_THROWS_AS(stratified_split(y, 0.0, 1), std::invalid_argument);
  REQUIRE_THROWS_AS(stratified_split(y, 1.5, 1), std::invalid_argument);
}
