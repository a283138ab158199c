#include <catch2/catch.hpp>

#include "core/serve/endpoint.hpp"

using namespace lab;
using nlohmann::json;

namespace {
InferenceContract one_field_contract() {
  Schema s;
  ColumnSchema c;
  c.name = "x";
  c.min = 0;
  c.max = 10;
  s.columns.push_back(c);
  return derive_contract(s, {"x"});
}
ServedModel constant(const char* name, int version, double p) {
  return {name, version, [p](const json&) { return json{{"prediction", p > 0.5 ? 1 : 0}, {"probabilities", {{"1", p}, {"0", 1 - p}}}}; }};
}
struct Times {
  int64_t now = 1700000000000;
  double mono = 0;
  EndpointTimes fns() {
    return {[this] { return now; }, [this] { mono += 0.25; return mono; }};
  }
};
}  // namespace

TEST_CASE("a valid request is answered with model, version, latency and request id, and logged") {
  Times t;
  Endpoint e("loan", one_field_contract(), constant("loan-approval", 3, 0.8), t.fns(), 1);
  json r = e.predict({{"features", {{"x", 4}}}});
  REQUIRE(r["prediction"] == 1);
  REQUIRE(r["model"] == "loan-approval");
  REQUIRE(r["version"] == 3);
  REQUIRE(r["variant"] == "primary");
  REQUIRE(r["latency_ms"].get<double>() > 0);
  REQUIRE(r["request_id"].get<std::string>().rfind("req-", 0) == 0);
  REQUIRE(e.log().size() == 1);
  REQUIRE(e.log()[0].status == "ok");
  REQUIRE(e.log()[0].inputs == json{{"x", 4}});
  json bad = e.predict({{"features", {{"x", -2}}}});
  REQUIRE(bad["status"] == 422);
  REQUIRE(e.log()[1].status == "invalid");
  REQUIRE(e.health()["requests"]["invalid"] == 1);
}

TEST_CASE("the challenger receives its configured share of traffic") {
  Times t;
  Endpoint e("loan", one_field_contract(), constant("champ", 1, 0.8), t.fns(), 7);
  e.set_challenger(constant("chall", 2, 0.3), 0.2);
  int to_challenger = 0;
  const int n = 5000;
  for (int i = 0; i < n; ++i) to_challenger += e.predict({{"x", 1}})["variant"] == "challenger";
  // Binomial(5000, 0.2): sd = 28; allow 4 sd.
  REQUIRE(to_challenger == Approx(1000).margin(115));
  REQUIRE_THROWS_WITH(e.set_challenger(constant("c", 2, 0.3), 1.5), Catch::Contains("between 0 and 1"));
}

TEST_CASE("the fallback answers while the primary fails, and the circuit opens, half-opens and closes") {
  Times t;
  bool broken = true;
  ServedModel flaky{"primary", 2, [&broken](const json&) -> json {
                      if (broken) throw std::runtime_error("out of memory");
                      return json{{"prediction", 1}};
                    }};
  Endpoint e("loan", one_field_contract(), flaky, t.fns(), 3);
  e.set_fallback(constant("fallback", 1, 0.6));
  for (int i = 0; i < 3; ++i) {
    json r = e.predict({{"x", 1}});
    REQUIRE(r["variant"] == "fallback");  // each failing call is still answered
    REQUIRE(r["prediction"] == 1);
  }
  REQUIRE(e.breaker().state() == CircuitBreaker::State::Open);
  REQUIRE(e.health()["status"] == "degraded");
  REQUIRE(e.predict({{"x", 1}})["variant"] == "fallback");  // open: the primary is not even tried
  broken = false;
  t.now += 10000;  // cooldown passes: one trial call reaches the primary
  REQUIRE(e.predict({{"x", 1}})["variant"] == "primary");
  REQUIRE(e.breaker().state() == CircuitBreaker::State::Closed);
}

TEST_CASE("without a fallback a failing model gives a clear 503, not a crash") {
  Times t;
  ServedModel dead{"m", 1, [](const json&) -> json { throw std::runtime_error("weights missing"); }};
  Endpoint e("loan", one_field_contract(), dead, t.fns(), 3);
  json r = e.predict({{"x", 1}});
  REQUIRE(r["status"] == 503);
  REQUIRE(r["error"].get<std::string>().find("weights missing") != std::string::npos);
  REQUIRE(e.log().back().status == "failed");
}

TEST_CASE("the in-memory log keeps the latest entries, bounded by count and by size; health counts them all") {
  Times t;
  Endpoint e("loan", one_field_contract(), constant("loan-approval", 3, 0.8), t.fns(), 1);
  for (size_t i = 0; i < Endpoint::kLogKept + 5; ++i) e.predict({{"features", {{"x", 4}}}});
  REQUIRE(e.log().size() == Endpoint::kLogKept);
  REQUIRE(e.health()["requests"]["total"] == Endpoint::kLogKept + 5);
  // Large invalid requests (a 100 KB text where a number belongs): the size bound wins.
  std::string big(100 * 1024, 'x');
  for (int i = 0; i < 200; ++i) e.predict({{"features", {{"x", big}}}});
  REQUIRE(e.log().size() < 200);
  REQUIRE(e.log().size() * big.size() <= Endpoint::kLogBytesKept);
  REQUIRE(e.log().back().status == "invalid");
  // One entry larger than the whole bound is still kept as the latest.
  e.predict({{"features", {{"x", std::string(Endpoint::kLogBytesKept + 1, 'y')}}}});
  REQUIRE(e.log().size() == 1);
  REQUIRE(e.health()["requests"]["total"] == Endpoint::kLogKept + 5 + 201);
}
