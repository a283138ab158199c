#include <catch2/catch.hpp>

#include "core/models/learner_registry.hpp"
#include "core/models/svm.hpp"
#include "support/fit.hpp"
#include "support/reference_data.hpp"

using namespace lab;
using namespace labtest;

namespace {
double accuracy_of(const std::vector<double>& f, const std::vector<double>& y) {
  size_t right = 0;
  for (size_t i = 0; i < f.size(); ++i) right += (f[i] > 0) == (y[i] > 0.5);
  return double(right) / double(f.size());
}
}  // namespace

TEST_CASE("SVM decision values match scikit-learn's SVC on breast cancer") {
  // Reference: tests/reference/make_learner_references.py (SVC(shrinking=False), same tol and max_iter).
  // Only the rbf kernel trains by SMO; kernel="linear" (dual coordinate descent) is compared with
  // LinearSVC and SVC(kernel="linear") in svm_linear_test.cpp.
  Split s = load_split("breast_cancer.csv");
  for (const auto& ref : expected("learners.json")["svc"]) {
    const std::string kernel = ref["kernel"];
    const long max_iter = ref["max_iter"];
    if (kernel == "linear") continue;
    CAPTURE(kernel, ref["C"].get<double>(), ref["gamma"].get<double>(), max_iter);
    SupportVectorMachine m(resolve_params(SupportVectorMachine::param_specs(),
                                          {{"kernel", kernel}, {"C", ref["C"]}, {"gamma", ref["gamma"]},
                                           {"tol", ref["tol"]}, {"max_iter", max_iter}}));
    auto reports = fit_to_end(m, s.X_train, s.y_train, binary(), s.X_test, s.y_test);
    if (kernel == "rbf") REQUIRE(m.gamma_used() == Approx(ref["gamma_used"].get<double>()).epsilon(1e-12));
    auto f = m.decision_function(s.X_test);
    auto want = ref["test_decision"].get<std::vector<double>>();
    REQUIRE(accuracy_of(f, s.y_test) == Approx(ref["test_accuracy"].get<double>()));
    // Converged runs agree to the solver tolerance; truncated runs follow libsvm's path exactly.
    const double tol = max_iter < 0 ? 1e-3 : 1e-6;
    for (size_t i = 0; i < want.size(); ++i) REQUIRE(f[i] == Approx(want[i]).margin(tol));
    REQUIRE(m.n_support() == ref["n_support"].get<size_t>());
    if (max_iter > 0) REQUIRE(m.iterations() == max_iter);
    else REQUIRE(m.converged());
    REQUIRE(reports.back().train_loss <= reports.front().train_loss);
    auto again = learner_from_json(nlohmann::json::parse(m.to_json().dump()));
    REQUIRE(again->predict(s.X_test).data == m.predict(s.X_test).data);
  }
}

TEST_CASE("SVM probabilities are calibrated by Platt scaling and agree with the decision sign") {
  Split s = load_split("breast_cancer.csv");
  auto m = make_learner("svm", {{"kernel", "linear"}});
  fit_to_end(*m, s.X_train, s.y_train, binary());
  auto p = m->predict(s.X_test).data;
  auto f = static_cast<SupportVectorMachine&>(*m).decision_function(s.X_test);
  size_t agree = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    REQUIRE(p[i] > 0.0);
    REQUIRE(p[i] < 1.0);
    agree += (p[i] > 0.5) == (f[i] > 0);
  }
  REQUIRE(agree >= p.size() - 2);  // the sigmoid's midpoint sits near, not exactly at, f = 0
}

TEST_CASE("SVM refuses a numeric target") {
  Split s = load_split("iris.csv");
  auto m = make_learner("svm", {});
  REQUIRE_THROWS_AS(fit_to_end(*m, s.X_train, s.y_train, regression()), std::invalid_argument);
}
