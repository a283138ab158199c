#include <catch2/catch.hpp>

#include "core/serve/prometheus_text.hpp"

using namespace lab;

TEST_CASE("Prometheus text: HELP and TYPE lines, escaped labels, exact numbers") {
  PrometheusText t;
  t.family("lab_requests_total", "Requests,\nby status.", "counter");
  t.sample("", {{"path", "a\"b\\c\nd"}, {"status", "200"}}, 3);
  t.sample("", {}, 0.1);
  REQUIRE(t.text() ==
          "# HELP lab_requests_total Requests,\\nby status.\n"
          "# TYPE lab_requests_total counter\n"
          "lab_requests_total{path=\"a\\\"b\\\\c\\nd\",status=\"200\"} 3\n"
          "lab_requests_total 0.1\n");
  REQUIRE(PrometheusText::number(1.0 / 3) == "0.3333333333333333");
  REQUIRE(PrometheusText::number(2.5e-4) == "0.00025");
  REQUIRE(PrometheusText::number(1e300) == "1e+300");
  REQUIRE(PrometheusText::number(-1.0 / 0.0) == "-Inf");
  REQUIRE_THROWS_WITH(t.family("9bad name", "", "gauge"), Catch::Contains("not a valid Prometheus metric name"));
}

TEST_CASE("Prometheus text: a histogram is cumulative and ends with +Inf, _sum and _count") {
  PrometheusText t;
  t.family("lab_latency_seconds", "Latency.", "histogram");
  t.histogram({{"model", "churn"}}, {0.001, 0.01}, {2, 0, 1}, 0.5);
  REQUIRE(t.text() ==
          "# HELP lab_latency_seconds Latency.\n"
          "# TYPE lab_latency_seconds histogram\n"
          "lab_latency_seconds_bucket{model=\"churn\",le=\"0.001\"} 2\n"
          "lab_latency_seconds_bucket{model=\"churn\",le=\"0.01\"} 2\n"
          "lab_latency_seconds_bucket{model=\"churn\",le=\"+Inf\"} 3\n"
          "lab_latency_seconds_sum{model=\"churn\"} 0.5\n"
          "lab_latency_seconds_count{model=\"churn\"} 3\n");
}
