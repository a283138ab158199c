// Partial dependence and ICE against scikit-learn's partial_dependence(kind="both",
// method="brute") on the same model (a logistic regression's coefficients exported by
// tests/reference/partial_dependence_reference.py) and the same rows: the grid (mquantiles
// percentiles, linspace, or the distinct values), the average and the ICE curves.
#include "core/explain/partial_dependence.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "../models/tree_test_data.hpp"
#include "support/reference_data.hpp"

using namespace lab;

TEST_CASE("partial dependence and ICE equal scikit-learn's on the same model and rows", "[explain][pdp]") {
  const auto& ref = labtest::expected("partial_dependence.json");
  const auto w = ref["coef"].get<std::vector<double>>();
  const double b = ref["intercept"].get<double>();
  const auto data = lab::testing::load_tree_dataset("synth_binary.csv");
  for (const auto& c : ref["cases"]) {
    INFO(c["name"].get<std::string>());
    DenseMatrix X = data.X_test;
    const size_t feature = c["feature"].get<size_t>();
    std::vector<double> column(X.rows);
    for (size_t i = 0; i < X.rows; ++i) {
      if (c["floor"].get<bool>()) X.at(i, feature) = std::floor(X.at(i, feature));
      column[i] = X.at(i, feature);
    }
    const std::vector<double> grid = pdp_grid(column, c["grid_resolution"].get<size_t>());
    const auto their_grid = c["grid"].get<std::vector<double>>();
    REQUIRE(grid.size() == their_grid.size());
    for (size_t g = 0; g < grid.size(); ++g) CHECK(grid[g] == Approx(their_grid[g]).epsilon(0).margin(1e-12));

    const PartialDependence pd = partial_dependence(grid, [&](double v) {
      std::vector<double> p(X.rows);
      for (size_t i = 0; i < X.rows; ++i) {
        double z = b;
        for (size_t j = 0; j < X.cols; ++j) z += w[j] * (j == feature ? v : X.at(i, j));
        p[i] = 1.0 / (1.0 + std::exp(-z));
      }
      return p;
    });
    const auto avg = c["average"].get<std::vector<double>>();
    for (size_t g = 0; g < grid.size(); ++g) CHECK(pd.average[g] == Approx(avg[g]).epsilon(0).margin(1e-12));
    REQUIRE(pd.ice.size() == X.rows);
    const auto& ice = c["ice_first_rows"];
    for (size_t i = 0; i < ice.size(); ++i)
      for (size_t g = 0; g < grid.size(); ++g) CHECK(pd.ice[i][g] == Approx(ice[i][g].get<double>()).epsilon(0).margin(1e-12));
  }
}

TEST_CASE("mquantiles and the grid's edge cases", "[explain][pdp]") {
  // scipy.stats.mstats.mquantiles([1, 2, 3, 4, 10], prob=[0.05, 0.5, 0.95]) = [1.0, 3.0, 10.0]
  const std::vector<double> s{1, 2, 3, 4, 10};
  CHECK(mquantile(s, 0.05) == Approx(1.0));
  CHECK(mquantile(s, 0.5) == Approx(3.0));
  CHECK(mquantile(s, 0.95) == Approx(10.0));
  // Missing values are left out; few distinct values are the grid themselves, sorted.
  CHECK(pdp_grid({3, std::nan(""), 1, 3, 2}, 10) == std::vector<double>{1, 2, 3});
  std::vector<double> flat(200, 4.0);
  flat[0] = 9;
  flat[1] = 1;
  for (size_t i = 2; i < 200; ++i) flat[i] = 4.0 + double(i % 150) * 1e-12;
  CHECK_THROWS_WITH(pdp_grid(flat, 100), Catch::Contains("percentiles are equal"));
  CHECK_THROWS_WITH(pdp_grid({std::nan("")}, 10), Catch::Contains("all missing"));
  CHECK_THROWS_WITH(partial_dependence({1, 2}, [](double v) { return std::vector<double>(v == 1 ? 3 : 2, 0.0); }),
                    Catch::Contains("expected 3"));
}
