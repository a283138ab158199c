#include <catch2/catch.hpp>

#include "core/models/logistic_regression.hpp"

using namespace lab;

TEST_CASE("params resolve to defaults and reject bad values with clear messages") {
  const auto& specs = LogisticRegression::param_specs();
  auto p = resolve_params(specs, nlohmann::json::object());
  REQUIRE(p["C"] == 1.0);
  REQUIRE(p["max_iter"] == 100);
  REQUIRE(resolve_params(specs, {{"C", 0.5}})["C"] == 0.5);
  REQUIRE_THROWS_WITH(resolve_params(specs, {{"C", -1}}), Catch::Contains("'C' must be between"));
  REQUIRE_THROWS_WITH(resolve_params(specs, {{"C", "big"}}), Catch::Contains("must be a number"));
  REQUIRE_THROWS_WITH(resolve_params(specs, {{"max_iter", 2.5}}), Catch::Contains("whole number"));
  REQUIRE_THROWS_WITH(resolve_params(specs, {{"gamma", 1}}), Catch::Contains("unknown parameter 'gamma'"));
}
