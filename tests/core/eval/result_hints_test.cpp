#include <catch2/catch.hpp>

#include "core/eval/result_hints.hpp"

using namespace lab;

TEST_CASE("precision and recall of 0 get a hint that the model predicts one class") {
  auto ranks = result_hints({{"accuracy", 0.8}, {"precision", 0.0}, {"recall", 0.0}, {"roc_auc", 0.83}});
  REQUIRE(ranks.size() == 1);
  CHECK_THAT(ranks[0], Catch::Contains("predicts one class"));
  CHECK_THAT(ranks[0], Catch::Contains("lower threshold in Evaluate"));
  auto guessing = result_hints({{"precision", 0.0}, {"recall", 0.0}, {"roc_auc", 0.5}});
  REQUIRE(guessing.size() == 1);
  CHECK_THAT(guessing[0], Catch::Contains("Try another learner"));
  CHECK(result_hints({{"precision", 0.7}, {"recall", 0.4}, {"roc_auc", 0.8}}).empty());
  CHECK(result_hints({{"rmse", 0.0}}).empty());
}
