#include <catch2/catch.hpp>
#include <cmath>

#include "core/math/det_math.hpp"

using namespace lab;

TEST_CASE("det::exp matches the C library within 2 ulp over the ML range") {
  for (double x = -700; x <= 700; x += 0.37) {
    double ref = std::exp(x), got = det::exp(x);
    REQUIRE(std::fabs(got - ref) <= 4.5e-16 * ref);
  }
  REQUIRE(det::exp(0.0) == 1.0);
  REQUIRE(det::exp(1000.0) == INFINITY);
  REQUIRE(det::exp(-1000.0) == 0.0);
  REQUIRE(std::isnan(det::exp(NAN)));
}

TEST_CASE("det::log matches the C library within 2 ulp, including subnormals") {
  for (double x = 1e-300; x < 1e300; x *= 1.7) {
    double ref = std::log(x), got = det::log(x);
    REQUIRE(std::fabs(got - ref) <= 4.5e-16 * std::fabs(ref) + 1e-300);
  }
  REQUIRE(det::log(1.0) == 0.0);
  REQUIRE(std::fabs(det::log(5e-320) - std::log(5e-320)) < 1e-12);
  REQUIRE(det::log(0.0) == -INFINITY);
  REQUIRE(std::isnan(det::log(-1.0)));
}

TEST_CASE("sigmoid and log1p_exp are stable at the extremes") {
  REQUIRE(det::sigmoid(0.0) == 0.5);
  REQUIRE(det::sigmoid(800.0) == 1.0);
  REQUIRE(det::sigmoid(-800.0) == 0.0);
  REQUIRE(det::log1p_exp(800.0) == 800.0);
  REQUIRE(det::log1p_exp(0.0) == Approx(std::log(2.0)).epsilon(1e-15));
  REQUIRE(det::log1p_exp(-50.0) == Approx(std::exp(-50.0)).epsilon(1e-12));
}
