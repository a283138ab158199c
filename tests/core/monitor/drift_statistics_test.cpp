// Each drift statistic against SciPy on the cases tests/reference/drift_references.py recorded
// (expected/drift_statistics.json): ties, empty bins, values only one side has, one-value
// columns, equal and unequal sample sizes.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/monitor/drift_report.hpp"
#include "core/monitor/drift_statistics.hpp"
#include "support/reference_data.hpp"

using nlohmann::json;

namespace {

lab::DriftSample sample_of(const json& values) {
  lab::DriftSample s;
  s.categorical = !values.empty() && values[0].is_string();
  for (const auto& v : values) {
    if (s.categorical) s.labels.push_back(v.get<std::string>());
    else s.numbers.push_back(v.get<double>());
  }
  return s;
}

lab::DriftTest test_of(const std::string& id) {
  if (id == "ks") return lab::DriftTest::KolmogorovSmirnov;
  if (id == "chisquare") return lab::DriftTest::ChiSquared;
  if (id == "z") return lab::DriftTest::ZTest;
  if (id == "wasserstein") return lab::DriftTest::Wasserstein;
  return lab::DriftTest::JensenShannon;
}

double number(const json& v) { return v.is_string() ? INFINITY : v.get<double>(); }

// Relative 1e-9, with an absolute floor for values that are (or round to) zero.
void require_close(double got, double want, const std::string& what) {
  INFO(what << ": got " << got << ", SciPy " << want);
  if (std::isinf(want)) {
    REQUIRE(std::isinf(got));
    return;
  }
  REQUIRE(std::fabs(got - want) <= 1e-9 * std::fabs(want) + 1e-300);
}

}  // namespace

TEST_CASE("drift statistics match SciPy on the recorded cases", "[drift]") {
  json expected = json::parse(labtest::read_text(labtest::reference_dir() + "expected/drift_statistics.json"));
  REQUIRE(expected["cases"].size() >= 20);
  for (const auto& c : expected["cases"]) {
    std::string name = c["name"];
    lab::DriftTest test = test_of(c["test"]);
    lab::ColumnDrift d = lab::column_drift("x", sample_of(c["reference"]), sample_of(c["current"]), {}, test);
    REQUIRE(d.tested);
    require_close(d.statistic, number(c["statistic"]), name + " statistic");
    if (c.contains("p_value")) {
      REQUIRE(d.p_value.has_value());
      require_close(*d.p_value, number(c["p_value"]), name + " p-value");
    }
  }
}

TEST_CASE("the K-S p-value takes both exact methods and its statistic counts ties once", "[drift]") {
  // Equal sizes (the square method) and unequal sizes (the inside method): both give 1 when
  // the samples are the same and fall towards 0 as they separate.
  lab::StatisticResult same = lab::ks_two_sample({1, 2, 3}, {1, 2, 3});
  CHECK(same.statistic == 0);
  CHECK(same.p_value == 1);
  lab::StatisticResult apart = lab::ks_two_sample({1, 2, 3, 4}, {5, 6, 7, 8, 9});
  CHECK(apart.statistic == 1);
  CHECK(apart.p_value == Approx(2.0 / 126).epsilon(1e-12));  // 2 of C(9,4) orderings are this extreme
}

TEST_CASE("Wasserstein is the area between the CDFs and Jensen-Shannon is 0 for equal shares", "[drift]") {
  CHECK(lab::wasserstein_distance({0, 1, 3}, {5, 6, 8}) == Approx(5.0));
  CHECK(lab::wasserstein_distance({1, 1, 1}, {1, 1}) == 0.0);
  CHECK(lab::jensen_shannon_distance({2, 4}, {1, 2}) == Approx(0.0).margin(1e-15));
  CHECK(lab::jensen_shannon_distance({1, 0}, {0, 1}) == Approx(std::sqrt(std::log(2.0))).epsilon(1e-14));
}
