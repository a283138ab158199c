#include <catch2/catch.hpp>

#include "core/track/search_filter.hpp"

using namespace lab;

namespace {
Run make_run(const std::string& id, const std::string& name, double auc, const std::string& algo, int64_t start) {
  Run r;
  r.info.run_id = id;
  r.info.run_name = name;
  r.info.start_time = start;
  r.info.end_time = start + 1000;
  r.info.status = RunStatus::Finished;
  r.metrics["auc"] = {{start, auc * 0.5, 1}, {start + 1, auc, 2}};
  r.params["algo"] = algo;
  r.tags["my tag"] = "Blue Sky";
  DatasetInput in;
  in.dataset.name = "loan";
  in.dataset.digest = "abc123";
  in.tags[kTagDataContext] = "training";
  r.inputs.push_back(in);
  return r;
}
size_t pos_of(const std::string& filter) {
  try {
    parse_run_filter(filter);
  } catch (const FilterError& e) {
    return e.position;
  }
  FAIL("expected a FilterError for: " << filter);
  return 0;
}
std::string error_of(const std::string& filter) {
  try {
    parse_run_filter(filter);
  } catch (const FilterError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("filters select runs like MLflow's search syntax") {
  Run a = make_run("a", "baseline", 0.93, "gbdt", 100);
  Run b = make_run("b", "tuned", 0.85, "logistic_regression", 200);
  auto match = [&](const std::string& f) {
    RunFilter rf = parse_run_filter(f);
    return std::string(rf.matches(a) ? "a" : "") + (rf.matches(b) ? "b" : "");
  };
  REQUIRE(match("") == "ab");
  REQUIRE(match("   ") == "ab");
  REQUIRE(match("metrics.auc > 0.9 and params.algo = 'gbdt'") == "a");  // the latest value counts
  REQUIRE(match("metrics.auc >= 0.85 AND metrics.auc <= 0.85") == "b");
  REQUIRE(match("metrics.auc != 0.85") == "a");
  REQUIRE(match("metrics.missing > 0") == "");  // runs without the key never match
  REQUIRE(match("params.algo LIKE 'log%'") == "b");
  REQUIRE(match("params.algo LIKE 'LOG%'") == "");
  REQUIRE(match("params.algo ILIKE 'LOG%'") == "b");
  REQUIRE(match("params.algo like 'g_dt'") == "a");
  REQUIRE(match("tags.`my tag` = 'Blue Sky'") == "ab");
  REQUIRE(match("tags.\"my tag\" ILIKE '%sky'") == "ab");
  REQUIRE(match("attributes.run_name = 'tuned'") == "b");
  REQUIRE(match("run_name != 'tuned'") == "a");
  REQUIRE(match("status = 'FINISHED'") == "ab");
  REQUIRE(match("attributes.status IN ('FAILED', 'KILLED')") == "");
  REQUIRE(match("run_id NOT IN ('a')") == "b");
  REQUIRE(match("attributes.start_time > 150") == "b");
  REQUIRE(match("created < 150") == "a");
  REQUIRE(match("datasets.digest = 'abc123' and datasets.context = 'training'") == "ab");
  REQUIRE(match("params.algo = \"gbdt\"") == "a");
  REQUIRE(match("params.algo = 'it''s'") == "");
  REQUIRE(match("metrics.auc > 9e-1") == "a");
}

TEST_CASE("bad filters say what is wrong and where") {
  REQUIRE(pos_of("metrics.auc > 0.9 or params.a = 'x'") == 18);
  REQUIRE_THAT(error_of("metrics.auc > 0.9 or params.a = 'x'"), Catch::Contains("AND only"));
  REQUIRE(pos_of("metrics.auc >") == 13);
  REQUIRE_THAT(error_of("metrics.auc >"), Catch::Contains("compares with a number, found the end"));
  REQUIRE(pos_of("metrics.auc > 'high'") == 14);
  REQUIRE_THAT(error_of("metrics.auc > 'high'"), Catch::Contains("drop the quotes"));
  REQUIRE_THAT(error_of("params.algo = gbdt"), Catch::Contains("params.algo = 'gbdt'"));
  REQUIRE_THAT(error_of("params.C > '1'"), Catch::Contains("is text"));
  REQUIRE_THAT(error_of("metrics.auc LIKE '0.9%'"), Catch::Contains("is a number"));
  REQUIRE_THAT(error_of("auc > 0.9"), Catch::Contains("unknown attribute 'auc'"));
  REQUIRE_THAT(error_of("auc > 0.9"), Catch::Contains("metrics.auc"));
  REQUIRE_THAT(error_of("metric.auc > 0.9 and foo.x = 'y'"), Catch::Contains("unknown entity 'foo'"));
  REQUIRE(pos_of("metric.auc > 0.9 and foo.x = 'y'") == 21);
  REQUIRE_THAT(error_of("params.a = 'open"), Catch::Contains("never closed"));
  REQUIRE_THAT(error_of("(metrics.a > 1)"), Catch::Contains("parentheses"));
  REQUIRE_THAT(error_of("metrics.a == 1"), Catch::Contains("single '='"));
  REQUIRE_THAT(error_of("metrics.a > 1 metrics.b > 2"), Catch::Contains("expected AND"));
  REQUIRE_THAT(error_of("params.a IN ('x')"), Catch::Contains("IN works for attributes"));
  REQUIRE_THAT(error_of("status IN 'x'"), Catch::Contains("list in parentheses"));
  REQUIRE_THAT(error_of("status IN ('x' 'y')"), Catch::Contains("expected ',' or ')'"));
  REQUIRE_THAT(error_of("metrics. > 1"), Catch::Contains("a key must follow"));
  REQUIRE_THAT(error_of("metrics.a ~ 1"), Catch::Contains("unexpected character '~'"));
  REQUIRE_THAT(error_of("datasets.size = 'x'"), Catch::Contains("unknown dataset field"));

  FilterError e("boom", 4);
  REQUIRE(describe_filter_error("abc = 1", e) == "bad filter at character 5: boom\n  abc = 1\n      ^");
}

TEST_CASE("order_by sorts like MLflow: missing values last, ties by start time then id") {
  Run a = make_run("a", "x", 0.93, "gbdt", 100);
  Run b = make_run("b", "y", 0.85, "lr", 200);
  Run c = make_run("c", "z", 0.5, "lr", 300);
  c.metrics.clear();
  std::vector<const Run*> runs = {&a, &b, &c};
  REQUIRE(sorted_order(runs, {parse_order_by("metrics.auc DESC")}) == std::vector<size_t>{0, 1, 2});
  REQUIRE(sorted_order(runs, {parse_order_by("metrics.auc ASC")}) == std::vector<size_t>{1, 0, 2});
  REQUIRE(sorted_order(runs, {parse_order_by("params.algo")}) == std::vector<size_t>{0, 2, 1});
  REQUIRE(sorted_order(runs, {}) == std::vector<size_t>{2, 1, 0});
  REQUIRE(sorted_order(runs, {parse_order_by("attributes.start_time asc")}) == std::vector<size_t>{0, 1, 2});
  REQUIRE_THROWS_WITH(parse_order_by("metrics.auc DOWN"), Catch::Contains("unexpected text"));
  REQUIRE_THROWS_WITH(parse_order_by("bogus"), Catch::Contains("unknown attribute"));
}

TEST_CASE("LIKE patterns") {
  REQUIRE(like_match("%", "", false));
  REQUIRE(like_match("a%c", "abbbc", false));
  REQUIRE_FALSE(like_match("a%c", "abbbd", false));
  REQUIRE(like_match("_b%", "abz", false));
  REQUIRE(like_match("%%x", "yyx", false));
  REQUIRE(like_match("ABC", "abc", true));
}
