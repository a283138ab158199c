// LIME tabular against a re-implementation of lime 0.2's defaults on numpy and scikit-learn
// (tests/reference/lime_reference.py; the lime package itself is not installable here): the
// quartile statistics and the surrogate fit on the same neighbourhood must match to 1e-9. The
// lab's own sampling is checked by what it must do: row 0 is the row, bins drawn in their
// training shares, values inside their bin, the same seed the same neighbourhood.
#include "core/explain/lime_tabular.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "support/reference_data.hpp"

using namespace lab;
using Catch::Matchers::WithinAbs;
using nlohmann::json;

namespace {

LimeDomain reference_domain(const json& ref) {
  return LimeDomain::fit(ref["names"].get<std::vector<std::string>>(), ref["columns"].get<std::vector<std::vector<double>>>(),
                         ref["categories"].get<std::vector<std::vector<std::string>>>());
}

DenseMatrix matrix(const json& rows) {
  DenseMatrix m(rows.size(), rows[0].size());
  for (size_t i = 0; i < m.rows; ++i)
    for (size_t j = 0; j < m.cols; ++j) m.at(i, j) = rows[i][j].get<double>();
  return m;
}

void check_all(const std::vector<double>& got, const json& want, double tol) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) CHECK_THAT(got[i], WithinAbs(want[i].get<double>(), tol));
}

}  // namespace

TEST_CASE("LIME's quartile statistics equal lime's QuartileDiscretizer", "[explain][lime]") {
  const json& ref = labtest::expected("lime.json");
  const LimeDomain d = reference_domain(ref);
  REQUIRE(d.features.size() == ref["domain"].size());
  bool merged_bins = false;
  for (size_t f = 0; f < d.features.size(); ++f) {
    INFO("feature " << d.features[f].name);
    const json& want = ref["domain"][f];
    const LimeFeature& got = d.features[f];
    CHECK(got.categorical == want.contains("categories"));
    if (!got.categorical) {
      check_all(got.edges, want["edges"], 0);  // numpy's percentile, bit for bit
      merged_bins |= got.edges.size() < 3;
      check_all(got.bin_mean, want["bin_mean"], 1e-12);
      check_all(got.bin_std, want["bin_std"], 1e-12);
      check_all(got.bin_min, want["bin_min"], 0);
      check_all(got.bin_max, want["bin_max"], 0);
    }
    check_all(got.values, want["values"], 0);
    check_all(got.shares, want["shares"], 1e-15);
  }
  CHECK(merged_bins);  // the tied column's repeated quartile merged two bins, as np.unique does
  CHECK(d.features[0].describe(0).rfind("x0 <= ", 0) == 0);
  CHECK(d.features[7].describe(1) == "colour = green");
}

TEST_CASE("LIME's kernel weights and surrogate fits equal scikit-learn's Ridge on the same neighbourhood",
          "[explain][lime]") {
  const json& ref = labtest::expected("lime.json");
  const DenseMatrix binary = matrix(ref["binary"]);
  const auto labels = ref["labels"].get<std::vector<double>>();
  const std::vector<double> weights = lime_kernel_weights(binary);
  check_all(weights, ref["weights"], 1e-15);
  for (const json& want : ref["fits"]) {
    const size_t k = want["num_features"].get<size_t>();
    const std::string selection = want["selection"];
    INFO(selection << " with num_features " << k);
    const LimeFit fit = lime_fit(binary, labels, weights, k, selection);
    CHECK(fit.selected == want["selected"].get<std::vector<size_t>>());
    REQUIRE(fit.coefs.size() == want["coefs"].size());
    for (size_t i = 0; i < fit.coefs.size(); ++i) {
      CHECK(fit.coefs[i].first == want["coefs"][i][0].get<size_t>());
      CHECK_THAT(fit.coefs[i].second, WithinAbs(want["coefs"][i][1].get<double>(), 1e-9));
    }
    CHECK_THAT(fit.intercept, WithinAbs(want["intercept"].get<double>(), 1e-9));
    CHECK_THAT(fit.score, WithinAbs(want["score"].get<double>(), 1e-9));
    CHECK_THAT(fit.local_pred, WithinAbs(want["local_pred"].get<double>(), 1e-9));
  }
}

TEST_CASE("LIME's neighbourhood: the row first, bins in their training shares, values in their bins, seeded",
          "[explain][lime]") {
  const json& ref = labtest::expected("lime.json");
  const LimeDomain d = reference_domain(ref);
  const auto row = ref["row"].get<std::vector<double>>();
  const size_t n = 5000;
  const LimeNeighbourhood nb = lime_sample(d, row, n, 99);
  for (size_t f = 0; f < d.features.size(); ++f) {
    const LimeFeature& lf = d.features[f];
    INFO("feature " << lf.name);
    CHECK(nb.binary.at(0, f) == 1.0);
    CHECK(nb.inverse.at(0, f) == row[f]);
    std::vector<double> seen(lf.values.size(), 0);
    const double own = lf.code_of(row[f]);
    for (size_t i = 1; i < n; ++i) {
      const double code = lf.code_of(nb.inverse.at(i, f));
      CHECK((code == own) == (nb.binary.at(i, f) == 1.0));  // the binary column says "same bin as the row"
      for (size_t k = 0; k < lf.values.size(); ++k) seen[k] += lf.values[k] == code ? 1 : 0;
      if (!lf.categorical) {
        const size_t b = size_t(code);
        REQUIRE(nb.inverse.at(i, f) >= lf.bin_min[b]);
        REQUIRE(nb.inverse.at(i, f) <= lf.bin_max[b]);
      }
    }
    // Shares within 4 standard errors of the training shares.
    for (size_t k = 0; k < lf.values.size(); ++k) {
      const double p = lf.shares[k], se = std::sqrt(p * (1 - p) / double(n - 1));
      CHECK_THAT(seen[k] / double(n - 1), WithinAbs(p, 4 * se + 1e-12));
    }
  }
  const LimeNeighbourhood again = lime_sample(d, row, n, 99), other = lime_sample(d, row, n, 100);
  CHECK(again.inverse.data == nb.inverse.data);
  CHECK(other.inverse.data != nb.inverse.data);
}

TEST_CASE("LIME reports what is wrong with its input", "[explain][lime]") {
  const json& ref = labtest::expected("lime.json");
  const LimeDomain d = reference_domain(ref);
  CHECK_THROWS_WITH(lime_sample(d, {1.0, 2.0}, 100, 1), Catch::Contains("the row has 2 values"));
  CHECK_THROWS_WITH(lime_fit(DenseMatrix(3, 2), {1, 2, 3}, {1, 1, 1}, 2, "lasso"), Catch::Contains("not one of"));
  CHECK_THROWS_WITH(LimeDomain::fit({"a"}, {{std::nan("")}}, {{}}), Catch::Contains("no values"));
}
