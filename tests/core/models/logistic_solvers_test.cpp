#include <catch2/catch.hpp>

#include "core/math/cholesky.hpp"
#include "core/math/det_math.hpp"
#include "core/math/rng.hpp"
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

TEST_CASE("binary Newton's iteration comes in parts over runs of rows and gives the whole passes' bits") {
  // 40,000 rows x 30 features: the Hessian pass alone is ten parts of kWorkPerPart visits.
  lab::Rng rng(21);
  const size_t n = 40000, nv = 5000, d = 30;
  DenseMatrix X(n, d), Xv(nv, d);
  std::vector<double> y, yv;
  for (auto* M : {&X, &Xv})
    for (size_t i = 0; i < M->rows; ++i) {
      double z = 0;
      for (size_t j = 0; j < d; ++j) z += (M->at(i, j) = rng.normal()) * double(j % 5) * 0.3;
      (M == &X ? y : yv).push_back(z + rng.normal() > 0 ? 1.0 : 0.0);
    }
  const double C = 0.7;
  LogisticRegression m(resolve_params(LogisticRegression::param_specs(), {{"C", C}, {"solver", "newton"}}));
  m.begin(X, y, Xv, yv, binary());
  int parts = 0;
  std::vector<StepReport> reports;
  while (!m.done()) {
    ++parts;
    if (std::optional<StepReport> r = m.step_part()) reports.push_back(*r);
  }
  REQUIRE(reports.size() >= 3);
  CHECK(parts > 10 * int(reports.size()));

  // The same iterations with each pass over all rows at once (evaluate_binary_logistic and
  // weighted_gram, as the step was written before it came in parts).
  std::vector<double> w(d, 0.0);
  double b = 0;
  BinaryLogisticPoint pt;
  evaluate_binary_logistic(X, y, w, b, C, pt);
  for (const StepReport& r : reports) {
    std::vector<double> H = weighted_gram(X, pt.curvature), delta = pt.gradient;
    for (size_t j = 0; j < d; ++j) delta[j] += w[j], H[j * (d + 1) + j] += 1.0;
    REQUIRE(cholesky_solve(H, delta, d + 1));
    for (size_t j = 0; j < d; ++j) w[j] -= delta[j];
    b -= delta[d];
    evaluate_binary_logistic(X, y, w, b, C, pt);
    CHECK(r.train_loss == pt.mean_log_loss);
    double val = 0;
    for (size_t i = 0; i < nv; ++i) {
      double z = b;
      for (size_t j = 0; j < d; ++j) z += w[j] * Xv.at(i, j);
      val += det::log1p_exp(yv[i] > 0.5 ? -z : z);
    }
    CHECK(r.val_loss == val / double(nv));
  }
  CHECK(m.coefficients() == w);
  CHECK(m.intercept() == b);
}

TEST_CASE("the logistic passes cut into runs of whole blocks sum as the passes at once") {
  lab::Rng rng(5);
  DenseMatrix X(3000, 7);
  std::vector<double> y, s;
  for (double& v : X.data) v = rng.normal();
  for (size_t i = 0; i < X.rows; ++i) y.push_back(double(rng.below(2))), s.push_back(rng.uniform());
  const std::vector<double> w = {0.1, -0.2, 0.3, 0.05, 0, 1, -1};
  BinaryLogisticPoint whole, parts;
  evaluate_binary_logistic(X, y, w, 0.25, 2.0, whole);
  BinaryLogisticPass pass;
  pass.start(X, y, w, 0.25, 2.0, parts);
  WeightedGramPass gram;
  gram.start(X, s);
  for (size_t from = 0; from < X.rows; from += 3 * kLogisticBlock) {
    const size_t to = std::min(X.rows, from + 3 * kLogisticBlock);
    pass.add_rows(from, to);
    gram.add_rows(from, to);
  }
  pass.finish();
  CHECK(parts.gradient == whole.gradient);
  CHECK(parts.curvature == whole.curvature);
  CHECK(parts.mean_log_loss == whole.mean_log_loss);
  CHECK(gram.finish() == weighted_gram(X, s));
}
