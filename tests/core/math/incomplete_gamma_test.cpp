#include <catch2/catch.hpp>

#include "core/math/incomplete_gamma.hpp"

// Values from SciPy 1.10.1 (/usr/bin/python3): scipy.stats.chi2.sf(x, df), scipy.stats.norm.cdf(z).
TEST_CASE("chi-squared survival and the normal CDF match SciPy", "[drift]") {
  CHECK(lab::chi2_survival(3.84, 1) == Approx(0.05004352124870519).epsilon(1e-12));
  CHECK(lab::chi2_survival(10.0, 4) == Approx(0.04042768199451279).epsilon(1e-12));
  CHECK(lab::chi2_survival(250.0, 30) == Approx(1.5157414203687308e-36).epsilon(1e-9));
  CHECK(lab::chi2_survival(0.5, 7) == Approx(0.9994464813904249).epsilon(1e-12));
  CHECK(lab::normal_cdf(1.959963984540054) == Approx(0.975).epsilon(1e-13));
  CHECK(lab::normal_cdf(-3.0) == Approx(0.0013498980316300933).epsilon(1e-12));
  CHECK_THROWS_WITH(lab::chi2_survival(1.0, 0), Catch::Contains("degree of freedom"));
}
