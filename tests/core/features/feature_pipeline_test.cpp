#include <catch2/catch.hpp>
#include <cmath>

#include "core/data/csv_parser.hpp"
#include "core/features/feature_pipeline.hpp"

using namespace lab;
using nlohmann::json;

namespace {
// rows 0..3 train, 4..5 "serving"; plan "gold" appears only in row 5.
Table sample() {
  return parse_csv(
      "income,debt,plan,age\n"
      "1000,100,basic,20\n"
      "3000,,pro,30\n"
      "2000,500,pro,\n"
      ",200,basic,50\n"
      "4000,0,,40\n"
      "5000,100,gold,60\n");
}
const std::vector<size_t> kTrain = {0, 1, 2, 3}, kServe = {4, 5};
}  // namespace

TEST_CASE("pipeline: default impute (median / most frequent), standardize, one-hot; fitted on training rows") {
  Table t = sample();
  auto p = FeaturePipeline::fit(t, kTrain, {"income", "debt", "plan", "age"});
  REQUIRE(p.output_names() == std::vector<std::string>{"income", "debt", "age", "plan=basic", "plan=pro"});
  DenseMatrix X = p.transform(t, kTrain);
  // income train values 1000, 3000, 2000, missing -> median 2000; mean 2000, sd sqrt(500000)
  const double sd = std::sqrt(500000.0);
  REQUIRE(X.at(0, 0) == Approx((1000 - 2000) / sd));
  REQUIRE(X.at(3, 0) == 0.0);  // imputed to the median = the mean here
  // debt: 100, missing, 500, 200 -> median 200
  json j = p.to_json();
  REQUIRE(j["numeric"][1]["impute"] == 200.0);
  REQUIRE(X.at(0, 3) == 1.0);
  REQUIRE(X.at(0, 4) == 0.0);
  // Serving rows: a missing plan gets the most frequent ("basic" ties "pro": the first), "gold"
  // was never seen in training -> all zeros.
  DenseMatrix S = p.transform(t, kServe);
  REQUIRE(S.at(0, 3) == 1.0);
  REQUIRE(S.at(1, 3) == 0.0);
  REQUIRE(S.at(1, 4) == 0.0);
}

TEST_CASE("pipeline: derived features, quantile bins, JSON round trip and records give identical rows") {
  Table t = sample();
  json spec = {{"derived", {{{"name", "dti"}, {"op", "ratio"}, {"a", "debt"}, {"b", "income"}},
                            {{"name", "log_income"}, {"op", "log1p"}, {"a", "income"}}}},
               {"bins", {{{"column", "age"}, {"n_bins", 2}}}},
               {"impute", {{"numeric", "mean"}}},
               {"drop", {"plan"}}};
  auto p = FeaturePipeline::fit(t, kTrain, {"income", "debt", "plan", "age"}, spec);
  REQUIRE(p.output_names() == std::vector<std::string>{"income", "debt", "age#bin0", "age#bin1", "dti", "log_income"});
  DenseMatrix X = p.transform(t, kTrain);
  // age train values 20, 30, 50 (mean 33.33 fills row 2): median edge 31.67 -> bins 0, 0, 1, 1
  REQUIRE(X.at(0, 2) == 1.0);
  REQUIRE(X.at(1, 2) == 1.0);
  REQUIRE(X.at(2, 3) == 1.0);
  REQUIRE(X.at(3, 3) == 1.0);

  auto q = FeaturePipeline::from_json(json::parse(p.to_json().dump()));
  json records = json::array();
  for (size_t r : {4, 5}) {
    json rec = json::object();
    for (const char* c : {"income", "debt", "age"}) {
      double v = t.find(c)->values[r];
      rec[c] = std::isnan(v) ? json(nullptr) : json(v);
    }
    records.push_back(rec);
  }
  DenseMatrix A = p.transform(t, kServe), B = q.transform_records(records);
  REQUIRE(A.data == B.data);  // bit-identical: same code path at serving time
  // debt 0 / income 4000 = 0 fine; a ratio with a zero denominator would be imputed.
  REQUIRE(B.at(0, 4) != 0.0);
}

TEST_CASE("pipeline: clear errors for bad specs and bad records") {
  Table t = sample();
  auto err = [&](json spec) {
    try {
      FeaturePipeline::fit(t, kTrain, {"income", "debt", "plan", "age"}, spec);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  REQUIRE(err({{"scale", "minmax"}}).find("'scale' must be standard or none") != std::string::npos);
  REQUIRE(err({{"derived", {{{"name", "x"}, {"op", "ratio"}, {"a", "plan"}, {"b", "income"}}}}})
              .find("'plan' (a) is categorical") != std::string::npos);
  REQUIRE(err({{"bins", {{{"column", "nope"}, {"n_bins", 3}}}}}).find("'nope', which is not a numeric") != std::string::npos);
  REQUIRE(err({{"imputer", 1}}).find("unknown field 'imputer'") != std::string::npos);
  auto p = FeaturePipeline::fit(t, kTrain, {"income", "plan"});
  try {
    p.transform_records(json::array({{{"income", "lots"}}}));
    FAIL("expected an error");
  } catch (const std::invalid_argument& e) {
    REQUIRE(std::string(e.what()) == "record 0, field 'income': expected a number, got \"lots\"");
  }
  DenseMatrix one = p.transform_records({{"plan", "pro"}});  // a single object, income missing
  REQUIRE(one.rows == 1);
  REQUIRE(one.at(0, 2) == 1.0);
}
