// explore.pca through the dispatcher: the map of the dataset the lab holds (coordinates of every
// row, explained variance, top loadings on the pipeline's columns), sampling, and refusals.
#include <catch2/catch.hpp>

#include "support/session_fixture.hpp"

using nlohmann::json;

TEST_CASE("explore.pca: the map of the data the lab holds, and its refusals", "[explore][pca]") {
  labtest::SessionFixture f("lab_explore_pca", 6);
  CHECK_THAT(f.error({{"cmd", "explore.pca"}}), Catch::Contains("no dataset yet"));
  f.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 1200}, {"seed", 3}});
  const json m = f.ok({{"cmd", "explore.pca"}, {"points", true}, {"top", 3}});
  CHECK(m["rows"] == 1200);
  CHECK(m["rows_used"] == 1200);
  REQUIRE(m["components"].size() == 2);
  const double r1 = m["components"][0]["explained_variance_ratio"], r2 = m["components"][1]["explained_variance_ratio"];
  CHECK(r1 >= r2);
  CHECK(r1 + r2 < 1.0);
  CHECK(m["components"][0]["loadings"].size() == 3);
  CHECK(m["points"]["x"].size() == 1200);
  CHECK(m["points"]["row"][5] == 5);
  CHECK_FALSE(f.ok({{"cmd", "explore.pca"}}).contains("points"));
  // The columns are the pipeline's: numbers by name, one per category ("Contract=Two year").
  bool one_hot = false;
  for (const auto& c : m["columns"]) one_hot |= c.get<std::string>() == "Contract=Two year";
  CHECK(one_hot);
  CHECK_THAT(f.error({{"cmd", "explore.pca"}, {"components", 1}}), Catch::Contains("'components' must be between"));
  CHECK_THAT(f.error({{"cmd", "explore.pca"}, {"max_rows", 5}}), Catch::Contains("'max_rows' must be between"));
  const json sampled = f.ok({{"cmd", "explore.pca"}, {"max_rows", 500}});
  CHECK(sampled["stride"] == 3);
  CHECK_THAT(sampled["note"].get<std::string>(), Catch::Contains("one row in every 3"));
}
