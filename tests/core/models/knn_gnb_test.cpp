#include <catch2/catch.hpp>

#include "core/models/gaussian_nb.hpp"
#include "core/models/knn.hpp"
#include "core/models/learner_registry.hpp"
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
