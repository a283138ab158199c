// Splitting a run into runs/log-batch bodies within MLflow's limits, and resuming from a cursor.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/sync/batch_plan.hpp"

using namespace lab::sync;

namespace {

RunContent content(size_t params, size_t tags, size_t keys, size_t steps) {
  RunContent c;
  for (size_t i = 0; i < params; ++i) c.params.push_back({"p" + std::to_string(1000 + i), std::to_string(i)});
  for (size_t i = 0; i < tags; ++i) c.tags.push_back({"t" + std::to_string(1000 + i), "v"});
  for (size_t k = 0; k < keys; ++k)
    for (size_t s = 0; s < steps; ++s)
      c.metrics["m" + std::to_string(k)].push_back({int64_t(1700000000000 + s), double(s) * 0.5, int64_t(s)});
  return c;
}

// Sends every batch, checking each against MLflow's limits; returns how many went.
size_t send_all(const RunContent& c, BatchCursor& cur, std::map<std::string, std::vector<int64_t>>& steps_seen,
                size_t& params_seen, size_t& tags_seen) {
  size_t n = 0;
  while (auto b = next_batch("r1", c, cur)) {
    const auto& body = b->body;
    REQUIRE(body["metrics"].size() <= 1000);
    REQUIRE(body["params"].size() <= 100);
    REQUIRE(body["tags"].size() <= 100);
    REQUIRE(body["metrics"].size() + body["params"].size() + body["tags"].size() <= 1000);
    REQUIRE(body.dump().size() < 1000000);
    for (const auto& m : body["metrics"]) steps_seen[m["key"]].push_back(m["step"].get<int64_t>());
    params_seen += body["params"].size();
    tags_seen += body["tags"].size();
    cur = b->after;
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("a 10,000-step history and 250 params go up in batches within MLflow's limits", "[sync]") {
  RunContent c = content(250, 120, 3, 10000);
  BatchCursor cur;
  std::map<std::string, std::vector<int64_t>> seen;
  size_t params = 0, tags = 0;
  size_t batches = send_all(c, cur, seen, params, tags);
  CHECK(params == 250);
  CHECK(tags == 120);
  for (const auto& [k, steps] : seen) {
    REQUIRE(steps.size() == 10000);
    for (size_t i = 0; i < steps.size(); ++i) REQUIRE(steps[i] == int64_t(i));  // in order, none twice
  }
  // 30,000 points + 370 params/tags at <= 1000 entities a batch: at least 31 batches.
  CHECK(batches >= 31);
  CHECK(batches <= 33);
}

TEST_CASE("a cursor resumes a history where the server's acknowledgement stopped", "[sync]") {
  RunContent c = content(2, 1, 2, 1500);
  BatchCursor cur;
  auto first = next_batch("r1", c, cur);
  REQUIRE(first);
  cur = first->after;
  // Later: only the rest goes.
  std::map<std::string, std::vector<int64_t>> seen;
  size_t params = 0, tags = 0;
  send_all(c, cur, seen, params, tags);
  CHECK(params == 0);
  CHECK(seen["m0"].size() + seen["m1"].size() + first->body["metrics"].size() == 3000);
  CHECK_FALSE(next_batch("r1", c, cur));
}

TEST_CASE("long keys make one batch body stay under a megabyte", "[sync]") {
  RunContent c;
  std::string key(240, 'k');
  for (int s = 0; s < 5000; ++s) c.metrics[key].push_back({1, 1.0, s});
  BatchCursor cur;
  size_t total = 0;
  while (auto b = next_batch("r", c, cur)) {
    REQUIRE(b->body.dump().size() < 1000000);
    total += b->body["metrics"].size();
    cur = b->after;
  }
  CHECK(total == 5000);
}

TEST_CASE("non-finite metric values travel as protobuf's NaN and Infinity strings", "[sync]") {
  CHECK(metric_value_json(std::nan("")) == "NaN");
  CHECK(metric_value_json(INFINITY) == "Infinity");
  CHECK(metric_value_json(-INFINITY) == "-Infinity");
  CHECK(metric_value_json(0.25) == 0.25);
  CHECK(std::isinf(metric_value_from_json("Infinity")));
  CHECK(std::isnan(metric_value_from_json("NaN")));
}

TEST_CASE("an oversized value is named with its length and MLflow's limit", "[sync]") {
  RunContent c;
  c.params.push_back({"notes", std::string(6001, 'x')});
  std::string why = oversized_value(c);
  CHECK(why.find("'notes'") != std::string::npos);
  CHECK(why.find("6001") != std::string::npos);
  CHECK(why.find("6000") != std::string::npos);
  c.params[0].second = std::string(6000, 'x');
  CHECK(oversized_value(c).empty());
  c.tags.push_back({"lab.note", std::string(5001, 'y')});
  CHECK(oversized_value(c).find("5000") != std::string::npos);
  // Lengths are characters, as Python counts them: 3000 two-byte characters fit.
  RunContent u;
  std::string accents;
  for (int i = 0; i < 3000; ++i) accents += "\xC3\xA9";
  u.params.push_back({"p", accents});
  CHECK(oversized_value(u).empty());
}
