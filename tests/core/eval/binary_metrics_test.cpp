#include <catch2/catch.hpp>
#include <cmath>

#include "core/eval/classification_metrics.hpp"
#include "core/eval/curves.hpp"
#include "core/eval/metrics.hpp"
#include "support/reference_data.hpp"

using namespace lab;
using labtest::expected;

namespace {
std::vector<double> numbers(const nlohmann::json& j) {
  std::vector<double> v;
  for (const auto& x : j) v.push_back(x.is_null() ? std::nan("") : x.get<double>());
  return v;
}
void require_same(const std::vector<double>& got, const nlohmann::json& want) {
  auto w = numbers(want);
  REQUIRE(got.size() == w.size());
  for (size_t i = 0; i < w.size(); ++i) {
    if (std::isnan(w[i])) REQUIRE(std::isnan(got[i]));
    else REQUIRE(got[i] == Approx(w[i]).margin(1e-12));
  }
}
}  // namespace

TEST_CASE("binary metrics, curves and calibration bins match scikit-learn") {
  // Reference: tests/reference/make_metric_references.py (inputs are stored with the values).
  int idx = 0;
  for (const auto& c : expected("metrics.json")["binary"]) {
    CAPTURE(idx++);
    auto y = numbers(c["y"]), p = numbers(c["p"]);
    const double t = c["threshold"];
    REQUIRE(accuracy(y, p, t) == Approx(c["accuracy"].get<double>()).margin(1e-12));
    REQUIRE(precision(y, p, t) == Approx(c["precision"].get<double>()).margin(1e-12));
    REQUIRE(recall(y, p, t) == Approx(c["recall"].get<double>()).margin(1e-12));
    REQUIRE(f1_score(y, p, t) == Approx(c["f1"].get<double>()).margin(1e-12));
    REQUIRE(brier_score(y, p) == Approx(c["brier"].get<double>()).margin(1e-12));
    REQUIRE(log_loss(y, p) == Approx(c["log_loss"].get<double>()).margin(1e-12));
    REQUIRE(average_precision(y, p) == Approx(c["average_precision"].get<double>()).margin(1e-12));
    if (c["roc_auc"].is_null()) REQUIRE(std::isnan(roc_auc(y, p)));
    else REQUIRE(roc_auc(y, p) == Approx(c["roc_auc"].get<double>()).margin(1e-12));
    ConfusionCounts cm = confusion_at(y, p, t);
    REQUIRE(cm.tn == c["confusion"][0][0].get<size_t>());
    REQUIRE(cm.fp == c["confusion"][0][1].get<size_t>());
    REQUIRE(cm.fn == c["confusion"][1][0].get<size_t>());
    REQUIRE(cm.tp == c["confusion"][1][1].get<size_t>());
    for (bool drop : {true, false}) {
      RocCurve r = roc_curve(y, p, drop);
      const auto& want = c[drop ? "roc_curve_drop" : "roc_curve_all"];
      require_same(r.fpr, want["fpr"]);
      require_same(r.tpr, want["tpr"]);
      require_same(r.thresholds, want["thresholds"]);
    }
    PrCurve pr = precision_recall_curve(y, p);
    require_same(pr.precision, c["pr_curve"]["precision"]);
    require_same(pr.recall, c["pr_curve"]["recall"]);
    require_same(pr.thresholds, c["pr_curve"]["thresholds"]);
    CalibrationBins cal = calibration_bins(y, p, c["n_bins"].get<int>());
    require_same(cal.prob_true, c["calibration"]["prob_true"]);
    require_same(cal.prob_pred, c["calibration"]["prob_pred"]);
    size_t total = 0;
    for (size_t n : cal.count) total += n;
    REQUIRE(total == y.size());
  }
}

TEST_CASE("binary metric edge cases are documented values, not crashes") {
  // sklearn.metrics.average_precision_score([0,0,0],[0.1,0.5,0.2]) == 0 (with a warning)
  REQUIRE(average_precision({0, 0, 0}, {0.1, 0.5, 0.2}) == 0.0);
  REQUIRE(precision({0, 1}, {0.1, 0.2}) == 0.0);  // nothing predicted positive
  REQUIRE(recall({0, 0}, {0.9, 0.2}) == 0.0);     // no positive rows
  REQUIRE(f1_score({0, 0}, {0.1, 0.2}) == 0.0);
  REQUIRE_THROWS_AS(calibration_bins({0, 1}, {0.5, 1.5}), std::invalid_argument);
  REQUIRE_THROWS_AS(brier_score({}, {}), std::invalid_argument);
}
