#include <catch2/catch.hpp>
#include <set>

#include "core/models/learner_registry.hpp"
#include "core/tune/search_space.hpp"

using namespace lab;
using nlohmann::json;

TEST_CASE("search space: derived from the learner's parameter declaration", "[tune][space]") {
  SearchSpace s = search_space_for("svm", json::object());
  // kernel and C are tuned by default; the others stay at their declared defaults.
  json j = s.to_json();
  REQUIRE(j["kernel"] == json({"linear", "rbf"}));
  REQUIRE(j["C"]["min"] == 1e-2);
  REQUIRE(j["C"]["max"] == 1e3);
  REQUIRE(j["C"]["log"] == true);
  REQUIRE(j["max_iter"] == -1);
  REQUIRE(j["tol"] == 1e-3);
  // Every declared parameter appears, in declaration order.
  REQUIRE(s.dims.size() == param_specs_for("svm").size());
  // Two decades or more of positive values are searched on a log scale (reg_lambda 0.01..10).
  REQUIRE(search_space_for("hist_gbdt", nullptr).to_json()["reg_lambda"]["log"] == true);
  REQUIRE(search_space_for("hist_gbdt", nullptr).to_json()["subsample"]["log"] == false);
}

TEST_CASE("search space: narrowing, widening, lists and fixing", "[tune][space]") {
  SearchSpace s = search_space_for(
      "svm", {{"kernel", json::array({"rbf"})}, {"max_iter", json::array({100, 1000})}, {"C", {{"min", 0.5}, {"max", 2}}}});
  REQUIRE(s.fixed == json({{"kernel", "rbf"}}));
  Rng rng(5);
  std::set<int64_t> iters;
  for (int i = 0; i < 200; ++i) {
    json p = s.sample(rng);
    REQUIRE(p["kernel"] == "rbf");
    iters.insert(p["max_iter"].get<int64_t>());
    REQUIRE(p["C"].get<double>() >= 0.5);
    REQUIRE(p["C"].get<double>() <= 2.0);
    // every sampled configuration is valid for the learner
    REQUIRE_NOTHROW(resolve_params(param_specs_for("svm"), p));
  }
  REQUIRE(iters == std::set<int64_t>{100, 1000});
  // seeded: the same stream of configurations
  Rng a(9), b(9);
  for (int i = 0; i < 20; ++i) REQUIRE(s.sample(a) == s.sample(b));
  // a parameter not tuned by default can be opened up within its declared range
  SearchSpace k = search_space_for("knn", {{"n_neighbors", {{"min", 3}, {"max", 7}}}, {"weights", "distance"}});
  Rng r(1);
  std::set<int64_t> ks;
  for (int i = 0; i < 300; ++i) ks.insert(k.sample(r)["n_neighbors"].get<int64_t>());
  REQUIRE(ks == std::set<int64_t>{3, 4, 5, 6, 7});
}

TEST_CASE("search space: the grid", "[tune][space]") {
  SearchSpace s = search_space_for("svm", {{"C", {{"min", 0.01}, {"max", 100}}}});
  auto g = s.grid(5, 1000);
  REQUIRE(g.size() == 10);  // 2 kernels x 5 values of C
  REQUIRE(g[0]["kernel"] == "linear");
  REQUIRE(g[0]["C"] == 0.01);
  REQUIRE(g[2]["C"] == 1.0);
  REQUIRE(g[4]["C"] == 100.0);
  REQUIRE(g[5]["kernel"] == "rbf");
  SearchSpace t = search_space_for("decision_tree", {{"max_depth", {{"min", 2}, {"max", 4}}}});
  std::set<int64_t> depths;
  for (const auto& p : t.grid(5, 10000)) depths.insert(p["max_depth"].get<int64_t>());
  REQUIRE(depths == std::set<int64_t>{2, 3, 4});  // whole numbers, no repeats
  REQUIRE_THROWS_WITH(search_space_for("hist_gbdt", nullptr).grid(10, 1000), Catch::Contains("more than 1000 points"));
}

TEST_CASE("search space: bad narrowing says what is wrong", "[tune][space]") {
  REQUIRE_THROWS_WITH(search_space_for("svm", {{"kernel", json::array()}}),
                      Catch::Contains("'kernel' is empty, which leaves nothing to search"));
  REQUIRE_THROWS_WITH(search_space_for("svm", {{"C", {{"min", 10}, {"max", 1}}}}),
                      Catch::Contains("min 10 above max 1, which leaves nothing to search"));
  REQUIRE_THROWS_WITH(search_space_for("knn", {{"n_neighbors", {{"min", 2.5}, {"max", 8}}}}),
                      Catch::Contains("'n_neighbors' takes whole numbers, got 2.5"));
  REQUIRE_THROWS_WITH(search_space_for("svm", {{"kernel", json::array({"poly"})}}), Catch::Contains("one of linear, rbf"));
  REQUIRE_THROWS_WITH(search_space_for("svm", {{"C", {{"max", 1e9}}}}), Catch::Contains("between 0.001 and 10000"));
  REQUIRE_THROWS_WITH(search_space_for("svm", {{"depth", 3}}), Catch::Contains("svm has no parameter 'depth'"));
  REQUIRE_THROWS_WITH(search_space_for("hist_gbdt", {{"n_estimators", 50}}, "n_estimators"),
                      Catch::Contains("resource successive halving grows"));
}
