#include <catch2/catch.hpp>
#include <cmath>

#include "core/eval/cost_threshold.hpp"

using namespace lab;

TEST_CASE("the cheapest threshold, computed by hand") {
  //   p:  0.9  0.8  0.7  0.6  0.4  0.3  0.2  0.1
  //   y:   1    1    0    1    0    1    0    0
  std::vector<double> y = {1, 1, 0, 1, 0, 1, 0, 0};
  std::vector<double> p = {0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1};
  // Equal costs (1, 1): errors at t=0.6 are fp=1 (0.7), fn=1 (0.3) -> 2; at t=0.3: fp=2, fn=0 -> 2;
  // at t=0.8: fp=0, fn=2 -> 2. Ties go to the higher threshold: 0.8.
  CostChoice eq = min_cost_threshold(y, p, 1, 1);
  REQUIRE(eq.total_cost == 2);
  REQUIRE(eq.threshold == 0.8);
  // A missed good customer costs 5, a bad approval 1: t=0.3 (fp=2, fn=0) costs 2, t=0.6 costs 1+5=6.
  CostChoice fn_heavy = min_cost_threshold(y, p, 1, 5);
  REQUIRE(fn_heavy.threshold == 0.3);
  REQUIRE(fn_heavy.total_cost == 2);
  REQUIRE(fn_heavy.counts.tp == 4);
  REQUIRE(fn_heavy.counts.fp == 2);
  // A bad approval costs 10: approve only above 0.8 (fp=0, fn=2 -> 2).
  CostChoice fp_heavy = min_cost_threshold(y, p, 10, 1);
  REQUIRE(fp_heavy.threshold == 0.8);
  REQUIRE(fp_heavy.total_cost == 2);
  REQUIRE(fp_heavy.cost_per_row == 0.25);
  // The sweep agrees with evaluating each threshold directly.
  for (double t : {0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1})
    REQUIRE(total_cost_at(y, p, t, 1, 5) >= fn_heavy.total_cost);
}

TEST_CASE("when every error is too expensive the model predicts no positives") {
  std::vector<double> y = {0, 0, 1};
  std::vector<double> p = {0.9, 0.8, 0.1};  // a bad model
  CostChoice c = min_cost_threshold(y, p, 100, 1);
  REQUIRE(std::isinf(c.threshold));
  REQUIRE(c.total_cost == 1);
  REQUIRE_THROWS_WITH(min_cost_threshold(y, p, -1, 1), Catch::Contains("zero or positive"));
}
