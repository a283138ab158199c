#include <catch2/catch.hpp>

#include "core/monitor/monitor_windows.hpp"

namespace {
lab::MonitoredRequest req(int64_t t, int version, const char* status, double latency, const char* predicted, double p,
                          const char* actual = nullptr) {
  lab::MonitoredRequest r;
  r.time_ms = t;
  r.version = version;
  r.status = status;
  r.latency_ms = latency;
  r.predicted = predicted;
  if (*predicted) r.positive_probability = p;
  if (actual) r.actual_label = std::string(actual);
  return r;
}
}  // namespace

TEST_CASE("windows per day and version: counts, 422 share, latency percentiles, accuracy and AUC", "[monitor]") {
  const int64_t day = 86'400'000;
  std::vector<lab::MonitoredRequest> log = {
      req(10, 1, "ok", 1.0, "1", 0.9, "1"), req(20, 1, "ok", 2.0, "0", 0.2, "1"), req(30, 1, "invalid", 0.5, "", 0),
      req(40, 1, "ok", 3.0, "0", 0.3, "0"), req(day + 5, 1, "ok", 4.0, "1", 0.8), req(day + 9, 2, "ok", 5.0, "1", 0.7, "1"),
      req(2 * day, 2, "invalid", 1.0, "", 0)};
  auto w = lab::aggregate_windows(log, 0, day, "1");
  REQUIRE(w.size() == 4);
  CHECK(w[0].requests == 4);
  CHECK(w[0].invalid == 1);
  CHECK(w[0].invalid_share == 0.25);
  CHECK(w[0].latency_p50_ms == Approx(1.5));                  // numpy: percentile([0.5,1,2,3], 50)
  CHECK(w[0].latency_p99_ms == Approx(3.0 - 0.03 * 1.0));     // 2 + 0.97 * (3 - 2)
  CHECK(w[0].labelled == 3);
  CHECK(*w[0].accuracy == Approx(2.0 / 3));
  CHECK(*w[0].auc == Approx(0.5));  // positives at 0.9 and 0.2 against a negative at 0.3: one pair of two in order
  CHECK(w[0].class_shares.at("0") == Approx(2.0 / 3));
  CHECK(*w[0].mean_probability == Approx((0.9 + 0.2 + 0.3) / 3));
  // Day 2, version 1: scored but no labels yet; version 2 separately, with one positive only.
  CHECK(w[1].version == 1);
  CHECK(w[1].labelled == 0);
  CHECK_FALSE(w[1].accuracy);
  CHECK(w[1].no_metrics_reason == "no ground truth has arrived for this window yet");
  CHECK(w[2].version == 2);
  CHECK(*w[2].accuracy == 1.0);
  CHECK_FALSE(w[2].auc);
  CHECK(w[2].no_metrics_reason == "AUC needs both outcomes among the labelled requests");
  CHECK(w[3].no_metrics_reason == "no scored requests in this window");
  CHECK(w[3].invalid_share == 1.0);
}
