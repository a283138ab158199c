#include <catch2/catch.hpp>
#include <cmath>

#include "core/eval/metrics.hpp"

using namespace lab;

TEST_CASE("ROC AUC matches hand-computed and scikit-learn values") {
  // sklearn.metrics.roc_auc_score([0,0,1,1],[0.1,0.4,0.35,0.8]) == 0.75
  REQUIRE(roc_auc({0, 0, 1, 1}, {0.1, 0.4, 0.35, 0.8}) == Approx(0.75));
  // ties count one half: roc_auc_score([0,1,0,1],[0.5,0.5,0.2,0.9]) == 0.875
  REQUIRE(roc_auc({0, 1, 0, 1}, {0.5, 0.5, 0.2, 0.9}) == Approx(0.875));
  REQUIRE(roc_auc({0, 1}, {0.2, 0.9}) == 1.0);
  REQUIRE(std::isnan(roc_auc({1, 1}, {0.2, 0.9})));
}

TEST_CASE("accuracy and log loss") {
  REQUIRE(accuracy({0, 1, 1, 0}, {0.2, 0.7, 0.4, 0.6}) == 0.5);
  // sklearn.metrics.log_loss([1,0,1],[0.9,0.2,0.6]) == 0.2797765635793423
  REQUIRE(log_loss({1, 0, 1}, {0.9, 0.2, 0.6}) == Approx(0.2797765635793423).epsilon(1e-12));
  REQUIRE(std::isfinite(log_loss({1}, {0.0})));  // clipped, not infinite
  REQUIRE_THROWS_AS(accuracy({1, 0}, {0.5}), std::invalid_argument);
}
