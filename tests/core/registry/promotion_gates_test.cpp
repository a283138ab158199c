// The promotion gates' decisions from measured values: directions of lower-is-better metrics,
// the champion margin, p99 by numpy's rule, skipped gates not failing a report, and suites a
// person gets wrong.
#include "core/registry/promotion_gates.hpp"

#include <catch2/catch.hpp>

using namespace lab;
using nlohmann::json;

TEST_CASE("held-out and regression gates follow the metric's direction", "[registry][gates]") {
  CHECK(held_out_gate("roc_auc", 0.81, 0.8).status == "passed");
  CHECK(held_out_gate("roc_auc", 0.79, 0.8).detail == "roc_auc 0.79 < 0.8");
  CHECK(held_out_gate("rmse", 3.0, 4.0).status == "passed");  // errors: at most the bound
  CHECK(held_out_gate("rmse", 5.0, 4.0).status == "failed");
  CHECK(held_out_gate("roc_auc", std::nullopt, 0.8).status == "failed");

  GateResult r = regression_gate("roc_auc", 0.83, 0.86, 3, 0.02);
  CHECK(r.status == "failed");
  CHECK(*r.bound == Approx(0.84));
  CHECK(r.detail == "roc_auc 0.83 against the champion v3's 0.86 (worse by more than 0.02)");
  CHECK(regression_gate("roc_auc", 0.845, 0.86, 3, 0.02).status == "passed");
  CHECK(regression_gate("rmse", 4.01, 4.0, 3, 0.02).status == "passed");
  CHECK(regression_gate("rmse", 4.03, 4.0, 3, 0.02).status == "failed");
  CHECK(regression_gate("roc_auc", 0.5, std::nullopt, 0, 0.02).status == "skipped");
}

TEST_CASE("latency, contract and invariance gates; a report fails only on a failed gate", "[registry][gates]") {
  std::vector<double> lat(100, 1.0);
  lat[99] = 200;  // numpy.percentile(lat, 99) = 1 + 0.01 * 199 = 2.99
  GateResult l = latency_gate(lat, 3);
  CHECK(l.status == "passed");
  CHECK(*l.value == Approx(2.99));
  CHECK(latency_gate(lat, 2.5).status == "failed");
  CHECK(latency_gate({}, 50).status == "failed");

  CHECK(contract_gate(9, {}).status == "passed");
  GateResult c = contract_gate(9, {"Negative income: expected a 422, got an answer"});
  CHECK(c.status == "failed");
  CHECK(c.detail == "1 of 9 requests answered wrongly: Negative income: expected a 422, got an answer");

  CHECK(invariance_gate({}, {}, 0.05, false).status == "skipped");
  GateResult inv = invariance_gate({"gender", "age"}, {0.01, 0.2}, 0.05, false);
  CHECK(inv.status == "failed");
  CHECK(inv.detail == "changing age moved a prediction by 0.2 >= 0.05");

  GateReport report;
  report.results = {held_out_gate("roc_auc", 0.9, 0.8), invariance_gate({}, {}, 0.05, false)};
  CHECK(report.passed());
  report.results.push_back(c);
  CHECK_FALSE(report.passed());
  CHECK(report.failures() == "contract (" + c.detail + ")");
  CHECK(GateReport::from_json(report.to_json()).to_json() == report.to_json());
}

TEST_CASE("a gate suite a person gets wrong is refused with what would be right", "[registry][gates]") {
  const std::vector<std::string> inputs = {"age", "income"};
  GateSuite s = GateSuite::from_json({{"required", true}, {"invariant_features", {"age"}}, {"min_metric", 0.75}}, GateSuite{}, inputs);
  CHECK(s.required);
  CHECK(s.invariant_features == std::vector<std::string>{"age"});
  CHECK(s.min_metric == 0.75);
  CHECK(s.max_latency_p99_ms == 50);  // untouched fields keep their value
  CHECK(gate_metric(s, "binary") == "roc_auc");
  CHECK(gate_metric(s, "regression") == "r2");
  CHECK(gate_metric(s, "multiclass") == "accuracy");
  auto error = [&](const json& j) {
    try {
      GateSuite::from_json(j, GateSuite{}, inputs);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  CHECK(error({{"invariant_features", {"shoe_size"}}}) == "'shoe_size' is not an input of this model; its inputs are age, income");
  CHECK(error({{"required", "yes"}}) == "field 'required' must be true or false");
  CHECK_THAT(error({{"latency_requests", 3}}), Catch::Contains("field 'latency_requests' must be a number from 10 to 1e+05"));
  CHECK_THAT(error({{"max_regression", -0.1}}), Catch::Contains("field 'max_regression' must be a number from 0"));
}
