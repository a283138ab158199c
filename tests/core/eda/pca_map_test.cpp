// The PCA map against scikit-learn (tests/reference/pca_reference.py: StandardScaler + one-hot,
// then PCA(n_components=2, svd_solver="full")): explained variance and its ratio to 1e-9,
// components and coordinates to 1e-9 up to sign; our sign rule; sampling of large tables; the
// refusals; and the bits native and wasm must share (invariant 2).
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "core/data/csv_parser.hpp"
#include "core/data/dataset_catalog.hpp"
#include "core/eda/pca_map.hpp"
#include "support/double_bits.hpp"
#include "support/reference_data.hpp"

using namespace lab;
using labtest::bits;

namespace {

Table mixed_fixture() {
  Table t = parse_csv(labtest::read_text(labtest::reference_dir() + "data/pca_mixed.csv"));
  t.find("churned")->role = ColumnRole::Target;
  return t;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

}  // namespace

TEST_CASE("the PCA map equals scikit-learn's PCA on the standardised, one-hot data", "[eda][pca]") {
  const auto& ref = labtest::expected("pca.json");
  const PcaMap m = pca_map(mixed_fixture());
  REQUIRE(m.columns == ref["columns"].get<std::vector<std::string>>());
  CHECK(m.rows.size() == 400);
  CHECK(m.stride == 1);
  REQUIRE(m.pca.explained_variance.size() == 2);
  for (size_t c = 0; c < 2; ++c) {
    INFO("component " << c);
    CHECK(m.pca.explained_variance[c] == Approx(ref["explained_variance"][c].get<double>()).epsilon(0).margin(1e-9));
    CHECK(m.pca.explained_variance_ratio[c] ==
          Approx(ref["explained_variance_ratio"][c].get<double>()).epsilon(0).margin(1e-9));
    const auto theirs = ref["components"][c].get<std::vector<double>>();
    const double sign = dot(m.pca.components[c], theirs) < 0 ? -1 : 1;  // equal up to sign
    for (size_t j = 0; j < theirs.size(); ++j)
      CHECK(sign * m.pca.components[c][j] == Approx(theirs[j]).epsilon(0).margin(1e-9));
    for (size_t i = 0; i < 10; ++i)
      CHECK(sign * m.pca.scores[c][i] == Approx(ref["scores_first_rows"][i][c].get<double>()).epsilon(0).margin(1e-9));
  }
  for (size_t j = 0; j < m.pca.mean.size(); ++j)
    CHECK(m.pca.mean[j] == Approx(ref["mean"][j].get<double>()).epsilon(0).margin(1e-12));
}

TEST_CASE("each component's largest loading is positive", "[eda][pca]") {
  const PcaMap m = pca_map(mixed_fixture());
  for (const auto& v : m.pca.components) {
    size_t big = 0;
    for (size_t j = 0; j < v.size(); ++j)
      if (std::fabs(v[j]) > std::fabs(v[big])) big = j;
    CHECK(v[big] > 0);
    CHECK(dot(v, v) == Approx(1.0).margin(1e-12));
  }
  CHECK(dot(m.pca.components[0], m.pca.components[1]) == Approx(0.0).margin(1e-12));
}

TEST_CASE("a large table is mapped from every k-th row", "[eda][pca]") {
  const Table t = make_dataset("loan", 50000, 3);
  const PcaMap m = pca_map(t, {2, 20000});
  CHECK(m.stride == 3);
  CHECK(m.rows.size() == 16667);
  CHECK(m.rows[1] == 3);
  CHECK(m.pca.scores[0].size() == m.rows.size());
  CHECK(m.pca.explained_variance[0] >= m.pca.explained_variance[1]);
}

TEST_CASE("the PCA map refuses data it cannot map, saying why", "[eda][pca]") {
  Table t = mixed_fixture();
  for (auto& c : t.columns) c.role = c.name == "churned" ? ColumnRole::Target : ColumnRole::Id;
  CHECK_THROWS_WITH(pca_map(t), Catch::Contains("needs feature columns"));
  Table flat = mixed_fixture();
  for (auto& c : flat.columns)
    if (c.name != "churned") c.role = c.name == "income" || c.name == "spend" ? ColumnRole::Feature : ColumnRole::Ignore;
  for (auto& v : flat.find("income")->values) v = 5;
  for (auto& v : flat.find("spend")->values) v = 7;
  CHECK_THROWS_WITH(pca_map(flat), Catch::Contains("constant"));
  Table one = mixed_fixture();
  for (auto& c : one.columns) c.values.resize(1);
  CHECK_THROWS_WITH(pca_map(one), Catch::Contains("at least 2 rows"));
}

// Invariant 2: recorded from the native build; the wasm build runs this file under Node.
TEST_CASE("the PCA map of the churn data is bit-identical across platforms", "[eda][pca][parity]") {
  const PcaMap m = pca_map(make_dataset("churn", 3000, 7));
  std::ostringstream os;
  for (size_t c = 0; c < 2; ++c) {
    os << bits(m.pca.explained_variance[c]) << ' ' << bits(m.pca.explained_variance_ratio[c]);
    double loadings = 0, scores = 0;
    for (double v : m.pca.components[c]) loadings += v;
    for (double v : m.pca.scores[c]) scores += v * v;
    os << ' ' << bits(loadings) << ' ' << bits(scores) << ' ' << bits(m.pca.components[c][0]) << '\n';
  }
  INFO(os.str());
  CHECK(os.str() ==
        "400788301ffd3799 3fd016f56b2dc329 3ff0ca1a6671fdcc 40c13ac6bc6bf672 3fc41692c84c06ab\n"
        "3ffc69c9f8cc334a 3fc36d5b5488422a 3ff18cfb21467468 40b4cdb4d11a02e8 3fe687dad6cdb0e3\n");
}
