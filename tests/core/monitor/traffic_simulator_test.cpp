#include <catch2/catch.hpp>

#include "core/data/dataset_catalog.hpp"
#include "core/monitor/traffic_simulator.hpp"

namespace {
const std::vector<std::string> kLoanFields = {"age", "income", "credit_score", "debt_to_income", "employment_years", "loan_amount"};

double mean_income(const lab::SimulationPlan& p, int day) {
  double s = 0, n = 0;
  for (const auto& r : p.requests)
    if (r.day == day) { s += r.request["features"]["income"].get<double>(); ++n; }
  return s / n;
}
}  // namespace

TEST_CASE("simulated traffic is seeded, spread over the days and ordered in time", "[monitor]") {
  lab::Table pool = lab::make_dataset("loan", 3000, 9);
  lab::SimulationSpec spec;
  spec.days = 5;
  spec.requests = 503;
  spec.seed = 7;
  lab::SimulationPlan a = lab::simulate_traffic(pool, kLoanFields, true, spec);
  lab::SimulationPlan b = lab::simulate_traffic(pool, kLoanFields, true, spec);
  REQUIRE(a.requests.size() == 503);
  for (size_t i = 0; i < a.requests.size(); ++i) {
    REQUIRE(a.requests[i].request == b.requests[i].request);
    REQUIRE(a.requests[i].offset_ms == b.requests[i].offset_ms);
    REQUIRE(a.requests[i].actual == b.requests[i].actual);
    if (i) REQUIRE((a.requests[i].day > a.requests[i - 1].day ||
                    (a.requests[i].day == a.requests[i - 1].day && a.requests[i].offset_ms >= a.requests[i - 1].offset_ms)));
  }
  CHECK(a.requests.front().request["features"].size() == 6);
  CHECK(a.requests.front().actual.is_string());  // "0" / "1", as the model's predictions
  CHECK(a.requests.back().actual.is_null());     // the last day's outcomes arrive after the period
  spec.seed = 8;
  CHECK(lab::simulate_traffic(pool, kLoanFields, true, spec).requests[0].request != a.requests[0].request);
}

TEST_CASE("covariate drift lowers income from the drift day on; data quality breaks a share", "[monitor]") {
  lab::Table pool = lab::make_dataset("loan", 5000, 9);
  lab::SimulationSpec spec;
  spec.scenario = "covariate_drift";
  spec.days = 6;
  spec.requests = 3000;
  spec.drift_day = 3;
  spec.ramp_days = 1;
  lab::SimulationPlan p = lab::simulate_traffic(pool, kLoanFields, true, spec);
  CHECK(p.feature == "income");
  CHECK(mean_income(p, 4) < 0.8 * mean_income(p, 1));
  CHECK(mean_income(p, 2) == Approx(mean_income(p, 1)).epsilon(0.1));

  spec.scenario = "data_quality";
  lab::SimulationPlan q = lab::simulate_traffic(pool, kLoanFields, true, spec);
  size_t broken_before = 0, broken_after = 0;
  for (const auto& r : q.requests) (r.day < 3 ? broken_before : broken_after) += r.broken.empty() ? 0 : 1;
  CHECK(broken_before == 0);
  CHECK(broken_after > 380);  // about 30% of the 1,500 requests of days 3-5 (0-based)
  CHECK(broken_after < 520);

  spec.scenario = "sideways";
  CHECK_THROWS_WITH(lab::simulate_traffic(pool, kLoanFields, true, spec), Catch::Contains("unknown scenario 'sideways'"));
  spec.scenario = "stable";
  CHECK_THROWS_WITH(lab::simulate_traffic(pool, {"age", "height"}, true, spec), Catch::Contains("needs 'height'"));
}
