#include <catch2/catch.hpp>

#include "core/data/loan_generator.hpp"
#include "core/eval/metrics.hpp"
#include "core/math/rng.hpp"
#include "core/models/logistic_regression.hpp"
#include "core/models/learner_registry.hpp"
#include "core/pipeline/train_job.hpp"

using namespace lab;

namespace {
LogisticRegression fit(const DenseMatrix& X, const std::vector<double>& y, double C) {
  LogisticRegression m(resolve_params(LogisticRegression::param_specs(), {{"C", C}, {"tol", 1e-10}}));
  DenseMatrix none;
  std::vector<double> ny;
  m.begin(X, y, none, ny, TaskInfo{});
  while (!m.done()) m.step();
  return m;
}
}  // namespace

TEST_CASE("logistic regression separates a linearly separable dataset") {
  Rng r(11);
  DenseMatrix X(400, 2);
  std::vector<double> y(400);
  for (size_t i = 0; i < 400; ++i) {
    double a = r.normal(), b = r.normal();
    X.at(i, 0) = a;
    X.at(i, 1) = b;
    y[i] = (a + 2 * b > 0.3) ? 1 : 0;  // a line with a margin-free boundary
  }
  auto m = fit(X, y, 100.0);
  double acc = accuracy(y, m.predict_proba(X));
  REQUIRE(acc >= 0.98);
  REQUIRE(m.iterations() < 30);
  // The learned direction points along the true normal (1, 2).
  REQUIRE(m.coefficients()[1] / m.coefficients()[0] == Approx(2.0).epsilon(0.15));
}

TEST_CASE("logistic regression matches scikit-learn's coefficients on a fixed dataset") {
  // Reference: sklearn 1.2.1 LogisticRegression(C=1.0, tol=1e-10, max_iter=1000).fit(X, y) on
  // X = [[0,1],[1,1],[2,0],[3,2],[4,1],[5,3],[1,0],[2,2]], y = [0,0,0,1,1,1,0,1]
  //   coef_ = [[1.00506828, 0.88106205]], intercept_ = [-3.13943404]   (tests/reference/README.md)
  DenseMatrix X(8, 2);
  double xs[8][2] = {{0, 1}, {1, 1}, {2, 0}, {3, 2}, {4, 1}, {5, 3}, {1, 0}, {2, 2}};
  for (size_t i = 0; i < 8; ++i) { X.at(i, 0) = xs[i][0]; X.at(i, 1) = xs[i][1]; }
  std::vector<double> y = {0, 0, 0, 1, 1, 1, 0, 1};
  auto m = fit(X, y, 1.0);
  REQUIRE(m.coefficients()[0] == Approx(1.00506828).margin(1e-4));
  REQUIRE(m.coefficients()[1] == Approx(0.88106205).margin(1e-4));
  REQUIRE(m.intercept() == Approx(-3.13943404).margin(1e-4));
}

TEST_CASE("a model reloaded from JSON predicts identically") {
  TrainJob job(generate_loan_dataset({1500, 3}), TrainRequest{});
  while (!job.done()) job.step();
  auto j = job.model_json()["model"];
  auto m = LogisticRegression::from_json(j);
  DenseMatrix X(3, 6);
  for (size_t i = 0; i < X.data.size(); ++i) X.data[i] = double(i % 7) / 3.0 - 1.0;
  auto again = learner_from_json(nlohmann::json::parse(j.dump()));
  REQUIRE(m.predict(X).data == again->predict(X).data);
}

TEST_CASE("on the loan data LR lands in the band the generating process allows") {
  TrainJob job(generate_loan_dataset({5000, 42}), TrainRequest{});
  int steps = 0;
  while (!job.done()) { job.step(); ++steps; }
  TrainResult r = job.evaluate();
  REQUIRE(steps <= 15);
  // The label is a coin flip on sigmoid(z), so no model is perfect; LR recovers most of z.
  REQUIRE(r.accuracy > 0.72);
  REQUIRE(r.accuracy < 0.95);
  REQUIRE(r.roc_auc > 0.80);
  REQUIRE(r.test_rows == 1000);
}
