// Invariant 2 for the learners of this folder: the same data gives bit-identical predictions
// natively and in wasm. The expected bits were recorded from the native build; the wasm build
// runs this file under Node, so a drift in either shows up as an exact mismatch.
#include <catch2/catch.hpp>

#include "support/double_bits.hpp"
#include <cstdio>
#include <cstring>

#include "core/models/learner_registry.hpp"
#include "support/fit.hpp"
#include "support/reference_data.hpp"

using namespace lab;
using namespace labtest;

namespace {
// A sum that depends on every bit of every prediction.
std::string fingerprint(const std::string& algo, const nlohmann::json& params, const std::string& data, TaskInfo task) {
  Split s = load_split(data);
  auto m = make_learner(algo, params);
  fit_to_end(*m, s.X_train, s.y_train, task, s.X_test, s.y_test);
  auto p = m->predict(s.X_test).data;
  double sum = 0;
  for (size_t i = 0; i < p.size(); ++i) sum += p[i] * double(i + 1);
  return bits(sum);
}
}  // namespace

TEST_CASE("new learners' predictions are bit-identical across platforms") {
  CHECK(fingerprint("logistic_regression", {{"solver", "lbfgs"}}, "breast_cancer.csv", binary()) == "40bbbba63f7e1345");
  CHECK(fingerprint("logistic_regression", {{"solver", "newton"}}, "iris.csv", multiclass(3)) == "40a1153a6b0c4589");
  CHECK(fingerprint("ridge_regression", {{"alpha", 1.0}}, "diabetes.csv", regression()) == "412e57911992b38b");
  CHECK(fingerprint("svm", {{"kernel", "rbf"}}, "breast_cancer.csv", binary()) == "40bb5efcec4d1c3f");
  CHECK(fingerprint("knn", {{"weights", "distance"}}, "wine_data.csv", multiclass(3)) == "40a7e50ef52faa24");
  CHECK(fingerprint("gaussian_nb", {}, "iris.csv", multiclass(3)) == "40a114abc0641728");
  // Multi-class boosting (one tree per class per round, softmax) and SVM one-vs-one (Platt per
  // pair, libsvm's pairwise coupling).
  CHECK(fingerprint("hist_gbdt", {{"n_estimators", 20}, {"max_depth", 4}}, "wine_data.csv", multiclass(3)) == "40a7e28a129fb139");
  CHECK(fingerprint("svm", {{"kernel", "rbf"}}, "wine_data.csv", multiclass(3)) == "40a7e2a81dd02e84");
  // kernel="linear": dual coordinate descent with a seeded row order, then Platt (per pair).
  CHECK(fingerprint("svm", {{"kernel", "linear"}}, "breast_cancer.csv", binary()) == "40bb870ccd910e87");
  CHECK(fingerprint("svm", {{"kernel", "linear"}}, "wine_data.csv", multiclass(3)) == "40a7e5c6015c460b");
  // solver auto picks newton here (42 weights)
  CHECK(fingerprint("logistic_regression", {}, "wine_data.csv", multiclass(3)) == "40a7e46040068843");
}
