#include <catch2/catch.hpp>

#include "core/math/det_math.hpp"
#include "core/math/rng.hpp"
#include "core/models/gaussian_nb.hpp"
#include "core/models/knn.hpp"
#include "core/models/learner_registry.hpp"
#include "core/models/row_parts.hpp"
#include "support/fit.hpp"
#include "support/reference_data.hpp"

using namespace lab;
using namespace labtest;

namespace {
TaskInfo task_for(const std::string& ds, const std::string& kind) {
  if (kind == "regression") return regression();
  return ds == "breast_cancer" ? binary() : multiclass(3);
}
}  // namespace

TEST_CASE("k-nearest neighbours predicts what scikit-learn predicts") {
  // Reference: tests/reference/make_learner_references.py (KNeighbors*(algorithm="brute")).
  for (const auto& ref : expected("learners.json")["knn"]) {
    const std::string ds = ref["dataset"], kind = ref["task"], weights = ref["weights"];
    const int k = ref["n_neighbors"];
    CAPTURE(ds, k, weights);
    Split s = load_split(ds + ".csv");
    auto m = make_learner("knn", {{"n_neighbors", k}, {"weights", weights}});
    TaskInfo task = task_for(ds, kind);
    fit_to_end(*m, s.X_train, s.y_train, task, s.X_test, s.y_test);
    DenseMatrix p = m->predict(s.X_test);
    // sklearn computes distances as |x|^2 - 2 x.y + |y|^2, which rounds an exact duplicate's 0 to
    // ~1e-8; with 1/distance weights that moves shares by ~1e-8.
    const double tol = weights == "distance" ? 1e-6 : 1e-12;
    for (size_t i = 0; i < s.X_test.rows; ++i) {
      const auto& want = ref["test_pred"][i];
      if (task.task == Task::Regression) REQUIRE(p.data[i] == Approx(want.get<double>()).margin(tol * 100));
      else if (task.task == Task::Binary) REQUIRE(p.data[i] == Approx(want[1].get<double>()).margin(tol));
      else
        for (size_t c = 0; c < 3; ++c) REQUIRE(p.at(i, c) == Approx(want[c].get<double>()).margin(tol));
    }
    auto again = learner_from_json(nlohmann::json::parse(m->to_json().dump()));
    REQUIRE(again->predict(s.X_test).data == p.data);
  }
}

TEST_CASE("knn rejects more neighbours than rows") {
  DenseMatrix X(3, 1);
  std::vector<double> y = {0, 1, 0};
  auto m = make_learner("knn", {{"n_neighbors", 5}});
  REQUIRE_THROWS_WITH(fit_to_end(*m, X, y, binary()), Catch::Contains("lower n_neighbors"));
}

TEST_CASE("Gaussian naive Bayes matches scikit-learn's probabilities to 1e-9") {
  for (const auto& ref : expected("learners.json")["gnb"]) {
    const std::string ds = ref["dataset"];
    const double vs = ref["var_smoothing"];
    CAPTURE(ds, vs);
    Split s = load_split(ds + ".csv");
    GaussianNaiveBayes m(resolve_params(GaussianNaiveBayes::param_specs(), {{"var_smoothing", vs}}));
    TaskInfo task = task_for(ds, "classification");
    auto reports = fit_to_end(m, s.X_train, s.y_train, task, s.X_test, s.y_test);
    REQUIRE(reports.size() == 1);
    REQUIRE(reports[0].val_loss > 0);
    auto var = ref["var"];
    for (size_t c = 0; c < var.size(); ++c)
      for (size_t j = 0; j < s.X_train.cols; ++j)
        REQUIRE(m.variances()[c * s.X_train.cols + j] == Approx(var[c][j].get<double>()).epsilon(1e-12));
    DenseMatrix p = m.predict(s.X_test);
    for (size_t i = 0; i < s.X_test.rows; ++i) {
      const auto& want = ref["test_proba"][i];
      if (task.task == Task::Binary) REQUIRE(p.data[i] == Approx(want[1].get<double>()).margin(1e-9));
      else
        for (size_t c = 0; c < 3; ++c) REQUIRE(p.at(i, c) == Approx(want[c].get<double>()).margin(1e-9));
    }
    auto again = learner_from_json(nlohmann::json::parse(m.to_json().dump()));
    REQUIRE(again->predict(s.X_test).data == p.data);
  }
}

namespace {
// Gaussian naive Bayes's step as it was before it came in parts (one function, whole passes):
// the parts must give these bits.
struct NbReference {
  std::vector<double> theta, var, log_prior;
  double train_loss = 0, val_loss = 0;
};
NbReference nb_at_once(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& Xv,
                       const std::vector<double>& yv, size_t k, double var_smoothing) {
  const size_t d = X.cols;
  NbReference r;
  std::vector<double> count(k, 0.0);
  r.theta.assign(k * d, 0.0);
  r.var.assign(k * d, 0.0);
  for (size_t i = 0; i < X.rows; ++i) {
    size_t c = size_t(y[i]);
    count[c] += 1;
    for (size_t j = 0; j < d; ++j) r.theta[c * d + j] += X.at(i, j);
  }
  for (size_t c = 0; c < k; ++c)
    for (size_t j = 0; j < d; ++j) r.theta[c * d + j] /= count[c];
  for (size_t i = 0; i < X.rows; ++i)
    for (size_t j = 0; j < d; ++j) {
      double e = X.at(i, j) - r.theta[size_t(y[i]) * d + j];
      r.var[size_t(y[i]) * d + j] += e * e;
    }
  for (size_t c = 0; c < k; ++c)
    for (size_t j = 0; j < d; ++j) r.var[c * d + j] /= count[c];
  double max_var = 0;
  for (size_t j = 0; j < d; ++j) {
    double mean = 0, ss = 0;
    for (size_t i = 0; i < X.rows; ++i) mean += X.at(i, j);
    mean /= double(X.rows);
    for (size_t i = 0; i < X.rows; ++i) ss += (X.at(i, j) - mean) * (X.at(i, j) - mean);
    max_var = std::max(max_var, ss / double(X.rows));
  }
  for (double& v : r.var) v += var_smoothing * max_var;
  for (size_t c = 0; c < k; ++c) r.log_prior.push_back(det::log(count[c] / double(X.rows)));
  auto loss = [&](const DenseMatrix& A, const std::vector<double>& b) {
    // predict() is unchanged: the loss of the reference's parameters through a loaded model.
    nlohmann::json j = {{"algo", "gaussian_nb"}, {"params", resolve_params(GaussianNaiveBayes::param_specs(), {})},
                        {"binary", k == 2}, {"n_classes", k}, {"n_features", d},
                        {"means", r.theta}, {"variances", r.var}, {"log_priors", r.log_prior}};
    auto loaded = learner_from_json(j);
    DenseMatrix P = loaded->predict(A);
    double sum = 0;
    for (size_t i = 0; i < A.rows; ++i)
      sum -= det::log(std::min(1.0 - 1e-15, std::max(1e-15, P.at(i, size_t(b[i])))));
    return sum / double(A.rows);
  };
  r.train_loss = loss(X, y);  // k > 2: predict() gives every class's probability
  r.val_loss = loss(Xv, yv);
  return r;
}
}  // namespace

TEST_CASE("Gaussian naive Bayes's step comes in parts of bounded rows and gives the one-pass model's bits") {
  // 200 features x 20,000 rows: every pass is several parts of kWorkPerPart row visits.
  Rng rng(7);
  const size_t n = 20000, nv = 3000, d = 200, k = 3;
  DenseMatrix X(n, d), Xv(nv, d);
  std::vector<double> y, yv;
  for (auto* M : {&X, &Xv})
    for (size_t i = 0; i < M->rows; ++i) {
      const size_t c = size_t(rng.below(k));
      for (size_t j = 0; j < d; ++j) M->at(i, j) = rng.normal() + double(c) * 0.01 * double(j % 7);
      (M == &X ? y : yv).push_back(double(c));
    }
  GaussianNaiveBayes m(resolve_params(GaussianNaiveBayes::param_specs(), {}));
  m.begin(X, y, Xv, yv, multiclass(int(k)));
  int parts = 0;
  std::optional<StepReport> r;
  while (!r) ++parts, r = m.step_part();
  // Sums (d visits a row), deviations (2d), two losses (k(d + 8) + 8): each cut at kWorkPerPart.
  auto parts_of = [](size_t rows, size_t visits) {
    const size_t per = kWorkPerPart / visits;
    return int((rows + per - 1) / per);
  };
  const size_t loss_visits = k * (d + kVisitsPerTranscendental) + kVisitsPerTranscendental;
  CHECK(parts == parts_of(n, d) + parts_of(n, 2 * d) + parts_of(n, loss_visits) + parts_of(nv, loss_visits));
  CHECK(parts > 8);
  const NbReference ref = nb_at_once(X, y, Xv, yv, k, 1e-9);
  CHECK(m.means() == ref.theta);
  CHECK(m.variances() == ref.var);
  CHECK(m.log_priors() == ref.log_prior);
  CHECK(r->train_loss == ref.train_loss);
  CHECK(r->val_loss == ref.val_loss);
  CHECK(m.done());
}
