#include <catch2/catch.hpp>

#include "core/models/learner_registry.hpp"
#include "core/models/logistic_regression.hpp"
#include "support/fit.hpp"
#include "support/reference_data.hpp"

using namespace lab;
using namespace labtest;

namespace {
LogisticRegression fit_lr(const Split& s, double C, const std::string& solver, TaskInfo task, int max_iter = 1000) {
  LogisticRegression m(resolve_params(LogisticRegression::param_specs(),
                                      {{"C", C}, {"tol", 1e-10}, {"solver", solver}, {"max_iter", max_iter}}));
  fit_to_end(m, s.X_train, s.y_train, task, s.X_test, s.y_test);
  return m;
}
}  // namespace

TEST_CASE("both logistic solvers reach scikit-learn's lbfgs optimum on real data") {
  // Reference: tests/reference/make_learner_references.py, LogisticRegression(solver="lbfgs", tol=1e-12).
  for (const auto& ref : expected("learners.json")["logistic"]) {
    const std::string ds = ref["dataset"];
    Split s = load_split(ds + ".csv");
    auto coef = ref["coef"];  // k x d (k = 1 for binary)
    auto icpt = ref["intercept"].get<std::vector<double>>();
    const int k = int(coef.size());
    TaskInfo task = k == 1 ? binary() : multiclass(k);
    for (const std::string solver : {"newton", "lbfgs"}) {
      CAPTURE(ds, ref["C"].get<double>(), solver);
      auto m = fit_lr(s, ref["C"], solver, task);
      const size_t d = s.X_train.cols;
      auto exact = ref["exact_coef"];
      auto exact_icpt = ref["exact_intercept"].get<std::vector<double>>();
      for (int c = 0; c < k; ++c) {
        auto row = coef[size_t(c)].get<std::vector<double>>();
        auto exact_row = exact[size_t(c)].get<std::vector<double>>();
        for (size_t j = 0; j < d; ++j) {
          double got = m.coefficients()[size_t(c) * d + j];
          REQUIRE(got == Approx(row[j]).margin(1e-4));        // sklearn lbfgs (stops ~1e-5 short)
          REQUIRE(got == Approx(exact_row[j]).margin(1e-6));  // the optimum (sklearn newton-cg, tol 1e-12)
        }
        REQUIRE(m.intercepts()[size_t(c)] == Approx(icpt[size_t(c)]).margin(1e-4));
        REQUIRE(m.intercepts()[size_t(c)] == Approx(exact_icpt[size_t(c)]).margin(1e-6));
      }
      auto proba = m.predict(s.X_test);
      auto want = ref["exact_test_proba"];
      for (size_t i = 0; i < s.X_test.rows; ++i) {
        auto w = want[i].get<std::vector<double>>();
        if (k == 1) REQUIRE(proba.at(i, 0) == Approx(w[1]).margin(1e-7));
        else
          for (int c = 0; c < k; ++c) REQUIRE(proba.at(i, size_t(c)) == Approx(w[size_t(c)]).margin(1e-7));
      }
      auto again = learner_from_json(nlohmann::json::parse(m.to_json().dump()));
      REQUIRE(again->predict(s.X_test).data == proba.data);
    }
  }
}

TEST_CASE("lbfgs reports a falling loss one iteration per step and honours max_iter") {
  Split s = load_split("breast_cancer.csv");
  LogisticRegression m(resolve_params(LogisticRegression::param_specs(), {{"solver", "lbfgs"}, {"max_iter", 7}}));
  auto reports = fit_to_end(m, s.X_train, s.y_train, binary(), s.X_test, s.y_test);
  REQUIRE(reports.size() == 7);
  for (size_t i = 1; i < reports.size(); ++i) REQUIRE(reports[i].train_loss < reports[i - 1].train_loss);
  REQUIRE(m.iterations() == 7);
}

TEST_CASE("logistic regression refuses a numeric target and bad labels") {
  Split s = load_split("iris.csv");
  LogisticRegression m(resolve_params(LogisticRegression::param_specs(), {}));
  REQUIRE_THROWS_WITH(fit_to_end(m, s.X_train, s.y_train, regression()), Catch::Contains("ridge regression"));
  REQUIRE_THROWS_WITH(fit_to_end(m, s.X_train, s.y_train, binary()), Catch::Contains("class labels"));
  REQUIRE_THROWS_WITH(resolve_params(LogisticRegression::param_specs(), {{"solver", "sag"}}),
                      Catch::Contains("auto, newton, lbfgs"));
}

TEST_CASE("solver auto picks newton for few weights and lbfgs for wide or many-class data") {
  CHECK(LogisticRegression::solver_for_shape(30, 1) == "newton");    // breast cancer
  CHECK(LogisticRegression::solver_for_shape(4, 3) == "newton");     // iris
  CHECK(LogisticRegression::solver_for_shape(64, 10) == "lbfgs");    // digits: 650 weights
  CHECK(LogisticRegression::solver_for_shape(10000, 1) == "lbfgs");  // issue 16's 10 x 10,000

  // 10 rows x 10,000 columns (what hung for 12 minutes with Newton's 10,000^2 Hessian).
  DenseMatrix X(10, 10000);
  std::vector<double> y(10);
  uint64_t state = 12345;
  for (double& v : X.data) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    v = double(state >> 11) / double(1ULL << 53) - 0.5;
  }
  for (size_t i = 0; i < 10; ++i) y[i] = double(i % 2);
  LogisticRegression m(resolve_params(LogisticRegression::param_specs(), {}));
  auto reports = fit_to_end(m, X, y, binary());
  CHECK(m.active_solver() == "lbfgs");
  CHECK(m.to_json()["solver_used"] == "lbfgs");
  CHECK(reports.size() <= 100);
  auto p = m.predict(X).data;
  for (size_t i = 0; i < 10; ++i) CHECK((p[i] > 0.5) == (y[i] > 0.5));  // separable: it fits them

  LogisticRegression newton(resolve_params(LogisticRegression::param_specs(), {{"solver", "newton"}}));
  REQUIRE_THROWS_WITH(fit_to_end(newton, X, y, binary()), Catch::Contains("choose solver lbfgs or auto"));
}
