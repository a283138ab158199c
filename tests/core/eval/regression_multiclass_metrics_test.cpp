#include <catch2/catch.hpp>
#include <cmath>

#include "core/eval/multiclass_metrics.hpp"
#include "core/eval/regression_metrics.hpp"
#include "support/reference_data.hpp"

using namespace lab;
using labtest::expected;

TEST_CASE("regression metrics match scikit-learn, including constant targets") {
  // Reference: tests/reference/make_metric_references.py
  for (const auto& c : expected("metrics.json")["regression"]) {
    auto y = c["y"].get<std::vector<double>>(), p = c["p"].get<std::vector<double>>();
    REQUIRE(rmse(y, p) == Approx(c["rmse"].get<double>()).margin(1e-12));
    REQUIRE(mae(y, p) == Approx(c["mae"].get<double>()).margin(1e-12));
    REQUIRE(r2_score(y, p) == Approx(c["r2"].get<double>()).margin(1e-12));
    REQUIRE(mape(y, p) == Approx(c["mape"].get<double>()).epsilon(1e-12));
  }
  REQUIRE(std::isnan(r2_score({1.0}, {2.0})));
}

TEST_CASE("multi-class metrics match scikit-learn") {
  for (const auto& c : expected("metrics.json")["multiclass"]) {
    auto y = c["y"].get<std::vector<double>>();
    const auto& rows = c["P"];
    DenseMatrix P(rows.size(), rows[0].size());
    for (size_t i = 0; i < P.rows; ++i)
      for (size_t k = 0; k < P.cols; ++k) P.at(i, k) = rows[i][k].get<double>();
    REQUIRE(multiclass_accuracy(y, P) == Approx(c["accuracy"].get<double>()).margin(1e-12));
    REQUIRE(multiclass_log_loss(y, P) == Approx(c["log_loss"].get<double>()).margin(1e-10));
    AveragedScores macro = macro_scores(y, P), weighted = weighted_scores(y, P);
    REQUIRE(macro.precision == Approx(c["precision_macro"].get<double>()).margin(1e-12));
    REQUIRE(macro.recall == Approx(c["recall_macro"].get<double>()).margin(1e-12));
    REQUIRE(macro.f1 == Approx(c["f1_macro"].get<double>()).margin(1e-12));
    REQUIRE(weighted.precision == Approx(c["precision_weighted"].get<double>()).margin(1e-12));
    REQUIRE(weighted.recall == Approx(c["recall_weighted"].get<double>()).margin(1e-12));
    REQUIRE(weighted.f1 == Approx(c["f1_weighted"].get<double>()).margin(1e-12));
    REQUIRE(ovr_macro_roc_auc(y, P) == Approx(c["roc_auc_ovr_macro"].get<double>()).margin(1e-12));
    auto cm = multiclass_confusion(y, P);
    for (size_t a = 0; a < P.cols; ++a)
      for (size_t b = 0; b < P.cols; ++b) REQUIRE(cm[a][b] == c["confusion"][a][b].get<size_t>());
  }
}

TEST_CASE("multi-class edge cases") {
  DenseMatrix P(2, 3);
  P.at(0, 0) = 1;
  P.at(1, 0) = 1;
  // class 2 never occurs in y: its one-vs-rest AUC is undefined, so the mean is NaN.
  REQUIRE(std::isnan(ovr_macro_roc_auc({0, 1}, P)));
  REQUIRE(std::isfinite(multiclass_log_loss({0, 1}, P)));  // clipped, not infinite
  REQUIRE_THROWS_WITH(multiclass_accuracy({0, 3}, P), Catch::Contains("0 .. 2"));
}
