#include "core/guide/predicate.hpp"

#include <catch2/catch.hpp>

using lab::guide::evaluate_predicate;
using lab::guide::validate_predicate;
using nlohmann::json;

namespace {
std::vector<std::string> problems(const json& p) {
  std::vector<std::string> e;
  validate_predicate(p, "check.expect", e);
  return e;
}
const json kRuns = json::parse(R"({"runs": [
  {"status": "FINISHED", "params": {"algo": "random_forest", "n_estimators": "100"}},
  {"status": "FINISHED", "params": {"algo": "random_forest", "n_estimators": "100"}},
  {"status": "FAILED",   "params": {"algo": "random_forest", "n_estimators": "200"}},
  {"status": "FINISHED", "params": {"algo": "knn"}}
], "rows": 150, "name": "iris-flowers", "tags": ["a", "b"]})");
}  // namespace

TEST_CASE("predicate: comparisons on a path", "[guide]") {
  CHECK(evaluate_predicate(json{{"path", "/rows"}, {"equals", 150}}, kRuns).pass);
  CHECK(evaluate_predicate(json{{"path", "/rows"}, {"at_least", 150.0}}, kRuns).pass);
  CHECK_FALSE(evaluate_predicate(json{{"path", "/rows"}, {"at_most", 149}}, kRuns).pass);
  CHECK(evaluate_predicate(json{{"path", "/name"}, {"contains", "flow"}}, kRuns).pass);
  CHECK(evaluate_predicate(json{{"path", "/tags"}, {"contains", "b"}}, kRuns).pass);
  CHECK(evaluate_predicate(json{{"path", "/nothing"}, {"exists", false}}, kRuns).pass);
  CHECK(evaluate_predicate(json{{"path", "/name"}, {"not_equals", "wine"}}, kRuns).pass);
  auto v = evaluate_predicate(json{{"path", "/rows"}, {"equals", 151}}, kRuns);
  CHECK_FALSE(v.pass);
  CHECK(v.detail == "/rows is 150, expected 151");
  CHECK(evaluate_predicate(json{{"path", "/missing/deeper"}, {"equals", 1}}, kRuns).detail == "/missing/deeper is missing");
  // A pointer into an array with a non-number index is a failure, not an exception.
  CHECK_FALSE(evaluate_predicate(json{{"path", "/runs/x"}, {"exists", true}}, kRuns).pass);
}

TEST_CASE("predicate: counts with where and distinct; all, any, not", "[guide]") {
  json finished_forests = {{"all", {{{"path", "/params/algo"}, {"equals", "random_forest"}}, {{"path", "/status"}, {"equals", "FINISHED"}}}}};
  CHECK(evaluate_predicate(json{{"path", "/runs"}, {"count", {{"where", finished_forests}, {"equals", 2}}}}, kRuns).pass);
  // Two finished forests, but they share n_estimators: the one-parameter-changed check fails.
  auto v = evaluate_predicate(json{{"path", "/runs"}, {"count", {{"where", finished_forests}, {"distinct", "/params/n_estimators"}, {"at_least", 2}}}}, kRuns);
  CHECK_FALSE(v.pass);
  CHECK(v.detail == "/runs: 1 distinct /params/n_estimators value, need at least 2");
  CHECK(evaluate_predicate(json{{"path", "/runs"}, {"count", {{"distinct", "/params/n_estimators"}, {"equals", 2}}}}, kRuns).pass);
  CHECK(evaluate_predicate(json{{"any", {{{"path", "/rows"}, {"equals", 1}}, {{"path", "/rows"}, {"equals", 150}}}}}, kRuns).pass);
  CHECK(evaluate_predicate(json{{"not", {{"path", "/rows"}, {"equals", 1}}}}, kRuns).pass);
  CHECK_FALSE(evaluate_predicate(json{{"path", "/rows"}, {"count", {{"at_least", 1}}}}, kRuns).pass);  // not a list
}

TEST_CASE("predicate: shape errors name the field and what was expected", "[guide]") {
  CHECK(problems(json{{"path", "/rows"}, {"equals", 1}}).empty());
  CHECK(problems(json(3)).at(0) == "check.expect: expected a predicate object such as {\"path\": \"/rows\", \"at_least\": 1}, got 3");
  CHECK(problems(json{{"path", "rows"}, {"equals", 1}}).at(0).rfind("check.expect.path: expected a JSON pointer", 0) == 0);
  CHECK(problems(json{{"path", "/rows"}}).at(0) == "check.expect: give one test beside 'path' (equals, at_least, exists, count, ...)");
  CHECK(problems(json{{"path", "/rows"}, {"equal", 1}}).at(0).find("unknown field 'equal'") != std::string::npos);
  CHECK(problems(json{{"all", {{{"path", "/a"}, {"at_least", "x"}}}}}).at(0) == "check.expect.all[0].at_least: expected a number, got \"x\"");
  CHECK(problems(json{{"path", "/runs"}, {"count", {{"where", 1}}}}).size() == 2);  // bad where, no bound
  CHECK(problems(json{{"path", "/a"}, {"equals", 1}, {"exists", true}}).at(0).find("one test per predicate") != std::string::npos);
}
