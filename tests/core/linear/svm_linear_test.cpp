// kernel="linear": dual coordinate descent (src/core/models/svm_linear_dcd.*), compared with
// scikit-learn's LinearSVC(loss="hinge") (the same problem and algorithm) and SVC(kernel="linear")
// (the exact SVM with an unregularised bias). Reference: tests/reference/svm_linear_reference.py.
#include <catch2/catch.hpp>

#include "core/models/learner_registry.hpp"
#include "core/models/svm.hpp"
#include "support/fit.hpp"
#include "support/reference_data.hpp"

using namespace lab;
using namespace labtest;

namespace {
SupportVectorMachine linear_svm(nlohmann::json params) {
  params["kernel"] = "linear";
  return SupportVectorMachine(resolve_params(SupportVectorMachine::param_specs(), params));
}
}  // namespace

TEST_CASE("linear SVM by dual coordinate descent matches LinearSVC(hinge) and agrees with SVC(linear)") {
  Split s = load_split("breast_cancer.csv");
  for (const auto& ref : expected("svm_linear.json")["binary"]) {
    const double C = ref["C"];
    CAPTURE(C);
    auto m = linear_svm({{"C", C}, {"tol", 1e-6}, {"max_iter", 1000000}});
    auto reports = fit_to_end(m, s.X_train, s.y_train, binary(), s.X_test, s.y_test);
    REQUIRE(m.converged());
    auto f = m.decision_function(s.X_test);
    const auto lin = ref["linearsvc_test_decision"].get<std::vector<double>>();
    const auto svc = ref["svc_test_decision"].get<std::vector<double>>();
    size_t right = 0, agree_svc = 0;
    for (size_t i = 0; i < f.size(); ++i) {
      // The same optimum as liblinear: decisions agree to the solvers' tolerance (measured: within
      // 2.5e-6 of margins up to 37).
      CHECK(f[i] == Approx(lin[i]).margin(1e-4));
      right += (f[i] > 0) == (s.y_test[i] > 0.5);
      agree_svc += (f[i] > 0) == (svc[i] > 0);
    }
    CHECK(double(right) / double(f.size()) == Approx(ref["linearsvc_test_accuracy"].get<double>()));
    // SVC's bias is not regularised: a row or two near the margin may fall the other way.
    CHECK(agree_svc + 2 >= f.size());
    CHECK(reports.back().train_loss <= reports.front().train_loss + 1e-12);
    auto again = learner_from_json(nlohmann::json::parse(m.to_json().dump()));
    REQUIRE(again->predict(s.X_test).data == m.predict(s.X_test).data);
  }
}

TEST_CASE("linear SVM one-vs-one agrees with SVC(kernel=linear) on wine and iris") {
  for (const auto& ref : expected("svm_linear.json")["multiclass"]) {
    const std::string data = ref["dataset"];
    CAPTURE(data);
    Split s = load_split(data);
    auto m = linear_svm({{"C", ref["C"]}});
    fit_to_end(m, s.X_train, s.y_train, multiclass(ref["n_classes"].get<int>()), s.X_test, s.y_test);
    const DenseMatrix P = m.predict(s.X_test);
    const auto want = ref["svc_test_pred"].get<std::vector<double>>();
    size_t right = 0, agree = 0;
    for (size_t i = 0; i < P.rows; ++i) {
      size_t best = 0;
      for (size_t c = 1; c < P.cols; ++c)
        if (P.at(i, c) > P.at(i, best)) best = c;
      right += double(best) == s.y_test[i];
      agree += double(best) == want[i];
    }
    CHECK(double(right) / double(P.rows) >= ref["svc_test_accuracy"].get<double>() - 2.0 / double(P.rows) - 1e-9);
    CHECK(agree + 2 >= P.rows);
  }
}

TEST_CASE("linear SVM: max_iter counts passes over the rows and stops early") {
  Split s = load_split("breast_cancer.csv");
  auto m = linear_svm({{"C", 10.0}, {"tol", 1e-6}, {"max_iter", 3}});
  fit_to_end(m, s.X_train, s.y_train, binary());
  CHECK(m.iterations() == 3);
  CHECK_FALSE(m.converged());
  auto d = linear_svm({{"C", 1.0}});  // -1: until converged (within 1000 passes)
  fit_to_end(d, s.X_train, s.y_train, binary());
  CHECK(d.converged());
  CHECK(d.iterations() < 1000);
}

TEST_CASE("linear SVM trains in passes of O(rows x features): 20,000 rows in a few steps") {
  // SMO on a linear kernel needed minutes here; coordinate descent needs a few passes.
  const size_t n = 20000, d = 8;
  DenseMatrix X(n, d);
  std::vector<double> y(n);
  uint64_t state = 12345;
  auto next = [&] {  // a small LCG keeps the test self-contained
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return double(state >> 11) / double(1ULL << 53) - 0.5;
  };
  for (size_t i = 0; i < n; ++i) {
    double s = 0;
    for (size_t k = 0; k < d; ++k) s += (X.at(i, k) = next()) * double(k + 1);
    y[i] = s + 0.3 * next() > 0 ? 1.0 : 0.0;
  }
  auto m = linear_svm({});
  auto reports = fit_to_end(m, X, y, binary());
  // Nearly separable rows with C = 1: like LinearSVC (liblinear stops at its 1,000 passes here
  // too, training accuracy 0.9936), the projected gradients do not all settle within tol.
  CHECK(m.iterations() <= 1000);
  CHECK(reports.size() < 1000);
  auto f = m.decision_function(X);
  size_t right = 0;
  for (size_t i = 0; i < n; ++i) right += (f[i] > 0) == (y[i] > 0.5);
  CHECK(double(right) / double(n) > 0.99);
}

TEST_CASE("a linear SVM saved with support vectors (before dual coordinate descent) still loads") {
  nlohmann::json old = {{"algo", "svm"},
                        {"params", {{"kernel", "linear"}, {"C", 1.0}, {"gamma", 0.0}, {"max_iter", -1}, {"tol", 1e-3}}},
                        {"gamma_used", 0.5},
                        {"n_features", 2},
                        {"support_vectors", {{1.0, 0.0}, {-1.0, 0.0}}},
                        {"dual_coef", {0.5, -0.5}},
                        {"rho", 0.0},
                        {"platt", {{"A", -2.0}, {"B", 0.0}}},
                        {"iterations", 3},
                        {"converged", true}};
  auto m = SupportVectorMachine::from_json(old);
  DenseMatrix X(2, 2);
  X.at(0, 0) = 2.0;
  X.at(1, 0) = -2.0;
  auto f = m.decision_function(X);
  CHECK(f[0] == Approx(2.0));  // 0.5 * (1 * 2) - 0.5 * (-1 * 2)
  CHECK(f[1] == Approx(-2.0));
}
