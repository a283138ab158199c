// Against scikit-learn 1.2.1 (tests/reference/feature_pipeline_reference.py; numbers in
// tests/reference/README.md): quantile bins as KBinsDiscretizer(strategy="quantile"),
// standardization as StandardScaler, imputation as SimpleImputer.
#include <catch2/catch.hpp>

#include "core/data/csv_parser.hpp"
#include "core/data/dataset_catalog.hpp"
#include "core/features/feature_pipeline.hpp"

using namespace lab;
using nlohmann::json;

TEST_CASE("pipeline matches scikit-learn on iris: quantile bin edges, bins, scaler") {
  Table iris = make_dataset("iris", 0, 0);
  std::vector<size_t> all(iris.rows());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  json spec = {{"bins", {{{"column", "sepal_length"}, {"n_bins", 4}, {"encode", "ordinal"}},
                         {{"column", "petal_width"}, {"n_bins", 4}, {"encode", "ordinal"}}}}};
  auto p = FeaturePipeline::fit(iris, all, {"sepal_length", "petal_width"}, spec);
  json j = p.to_json();
  auto edges0 = j["numeric"][0]["edges"].get<std::vector<double>>();
  auto edges1 = j["numeric"][1]["edges"].get<std::vector<double>>();
  REQUIRE(edges0.size() == 3);
  REQUIRE(edges0[0] == Approx(5.1).epsilon(1e-12));
  REQUIRE(edges0[1] == Approx(5.8).epsilon(1e-12));
  REQUIRE(edges0[2] == Approx(6.4).epsilon(1e-12));
  REQUIRE(edges1[0] == Approx(0.3).epsilon(1e-12));
  REQUIRE(edges1[1] == Approx(1.3).epsilon(1e-12));
  REQUIRE(edges1[2] == Approx(1.8).epsilon(1e-12));
  DenseMatrix B = p.transform(iris, {0, 50, 100});
  REQUIRE(B.data == std::vector<double>{1, 0, 3, 2, 2, 3});

  auto s = FeaturePipeline::fit(iris, all, {"sepal_length", "petal_width"});
  json sj = s.to_json();
  REQUIRE(sj["numeric"][0]["mean"].get<double>() == Approx(5.843333333333335).epsilon(1e-13));
  REQUIRE(sj["numeric"][1]["mean"].get<double>() == Approx(1.199333333333334).epsilon(1e-13));
  REQUIRE(sj["numeric"][0]["scale"].get<double>() == Approx(0.8253012917851409).epsilon(1e-13));
  REQUIRE(sj["numeric"][1]["scale"].get<double>() == Approx(0.7596926279021594).epsilon(1e-13));
}

TEST_CASE("pipeline imputation matches SimpleImputer") {
  Table t = parse_csv("x\n1\n\n3\n10\n3\n");
  REQUIRE(t.rows() == 4);  // the blank line is skipped; use NA for a missing single-column value
  t = parse_csv("x\n1\nNA\n3\n10\n3\n");
  std::vector<size_t> all = {0, 1, 2, 3, 4};
  auto impute = [&](const char* how) {
    return FeaturePipeline::fit(t, all, {"x"}, {{"impute", {{"numeric", how}}}, {"scale", "none"}})
        .to_json()["numeric"][0]["impute"]
        .get<double>();
  };
  REQUIRE(impute("median") == 3.0);
  REQUIRE(impute("mean") == 4.25);
  REQUIRE(impute("most_frequent") == 3.0);
}
