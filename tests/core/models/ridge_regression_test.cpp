#include <catch2/catch.hpp>

#include "core/models/learner_registry.hpp"
#include "core/models/ridge_regression.hpp"
#include "support/fit.hpp"
#include "support/reference_data.hpp"

using namespace lab;
using namespace labtest;

TEST_CASE("ridge and least squares match scikit-learn on the diabetes data") {
  // Reference: tests/reference/make_learner_references.py (Ridge(solver="cholesky") / LinearRegression).
  Split s = load_split("diabetes.csv");
  for (const auto& ref : expected("learners.json")["ridge"]) {
    double alpha = ref["alpha"];
    CAPTURE(alpha);
    RidgeRegression m(resolve_params(RidgeRegression::param_specs(), {{"alpha", alpha}}));
    auto reports = fit_to_end(m, s.X_train, s.y_train, regression(), s.X_test, s.y_test);
    REQUIRE(reports.size() == 1);  // 331 rows fit in one chunk
    auto coef = ref["coef"].get<std::vector<double>>();
    for (size_t j = 0; j < coef.size(); ++j) REQUIRE(m.coefficients()[j] == Approx(coef[j]).margin(1e-4));
    REQUIRE(m.intercept() == Approx(ref["intercept"].get<double>()).margin(1e-4));
    auto pred = m.predict(s.X_test).data;
    auto want = ref["test_pred"].get<std::vector<double>>();
    for (size_t i = 0; i < want.size(); ++i) REQUIRE(pred[i] == Approx(want[i]).margin(1e-6));
    // Larger alpha never fits the training rows better.
    REQUIRE(reports.back().train_loss > 0);
  }
}

TEST_CASE("ridge steps through large data in chunks and reloads to identical predictions") {
  const size_t n = RidgeRegression::kRowsPerStep * 2 + 17;
  DenseMatrix X(n, 3);
  std::vector<double> y(n);
  for (size_t i = 0; i < n; ++i) {
    double a = double(i % 101) / 50.0 - 1, b = double(i % 37) / 18.0 - 1, c = double((i * 7) % 13) / 6.0 - 1;
    X.at(i, 0) = a; X.at(i, 1) = b; X.at(i, 2) = c;
    y[i] = 3 * a - 2 * b + 0.5 * c + 4;
  }
  auto m = make_learner("ridge_regression", {{"alpha", 0.0}});
  auto reports = fit_to_end(*m, X, y, regression());
  REQUIRE(reports.size() == 3);
  REQUIRE(reports[0].train_loss > 1.0);       // before solving the model is the mean
  REQUIRE(reports.back().train_loss < 1e-20);  // exact linear data, exact fit
  auto again = learner_from_json(nlohmann::json::parse(m->to_json().dump()));
  REQUIRE(again->predict(X).data == m->predict(X).data);
}

TEST_CASE("least squares on collinear features asks for alpha > 0") {
  DenseMatrix X(5, 2);
  std::vector<double> y = {1, 2, 3, 4, 5};
  for (size_t i = 0; i < 5; ++i) { X.at(i, 0) = double(i); X.at(i, 1) = 2.0 * double(i); }
  RidgeRegression ols(resolve_params(RidgeRegression::param_specs(), {{"alpha", 0.0}}));
  REQUIRE_THROWS_WITH(fit_to_end(ols, X, y, regression()), Catch::Contains("set alpha above 0"));
  RidgeRegression ridge(resolve_params(RidgeRegression::param_specs(), {{"alpha", 0.1}}));
  fit_to_end(ridge, X, y, regression());
  REQUIRE(ridge.coefficients()[1] == Approx(2 * ridge.coefficients()[0]));
  REQUIRE_THROWS_AS(fit_to_end(ridge, X, y, binary()), std::invalid_argument);
}
