// Permutation importance against scikit-learn's permutation_importance on the same model (a
// logistic regression's coefficients exported by tests/reference/permutation_importance_reference.py)
// and the same shuffles (sklearn's, replayed), scored with the lab's own ROC AUC.
#include "core/explain/permutation_importance.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "../models/tree_test_data.hpp"
#include "core/eval/metrics.hpp"
#include "support/reference_data.hpp"

using namespace lab;
using Catch::Matchers::WithinAbs;

namespace {

RowsScore auc_of_linear_model(const std::vector<double>& w, double b, const std::vector<double>& y) {
  return [w, b, y](const DenseMatrix& X) {
    std::vector<double> p(X.rows);
    for (size_t i = 0; i < X.rows; ++i) {
      double z = b;
      for (size_t j = 0; j < X.cols; ++j) z += w[j] * X.at(i, j);
      p[i] = 1.0 / (1.0 + std::exp(-z));
    }
    return roc_auc(y, p);
  };
}

std::vector<std::vector<size_t>> single_columns(size_t d, std::vector<std::string>& names) {
  std::vector<std::vector<size_t>> groups;
  for (size_t j = 0; j < d; ++j) groups.push_back({j}), names.push_back("x" + std::to_string(j));
  return groups;
}

}  // namespace

TEST_CASE("Permutation importance equals scikit-learn's on the same model and shuffles", "[explain][importance]") {
  const auto& ref = labtest::expected("permutation_importance.json");
  const auto d = lab::testing::load_tree_dataset("synth_binary.csv");
  const auto score = auc_of_linear_model(ref["coef"].get<std::vector<double>>(), ref["intercept"].get<double>(), d.y_test);
  const auto orders = ref["orders"].get<std::vector<std::vector<std::vector<size_t>>>>();
  // Replay sklearn's index order of (column, repeat).
  Shuffle replay = [&](size_t g, int r, std::vector<size_t>& order) { order = orders[g][size_t(r)]; };
  std::vector<std::string> names;
  const auto groups = single_columns(d.X_test.cols, names);
  const PermutationImportance pi = permutation_importance(d.X_test, names, groups, score, 5, replay);
  CHECK_THAT(pi.baseline, WithinAbs(ref["baseline"].get<double>(), 1e-12));
  for (size_t j = 0; j < groups.size(); ++j) {
    CHECK_THAT(pi.mean[j], WithinAbs(ref["importances_mean"][j].get<double>(), 1e-12));
    CHECK_THAT(pi.std[j], WithinAbs(ref["importances_std"][j].get<double>(), 1e-12));
    for (int r = 0; r < 5; ++r) CHECK_THAT(pi.drops[j][size_t(r)], WithinAbs(ref["importances"][j][r].get<double>(), 1e-12));
  }
}

TEST_CASE("Seeded permutation importance is repeatable and ranks the informative features first", "[explain][importance]") {
  const auto& ref = labtest::expected("permutation_importance.json");
  const auto d = lab::testing::load_tree_dataset("synth_binary.csv");
  const auto score = auc_of_linear_model(ref["coef"].get<std::vector<double>>(), ref["intercept"].get<double>(), d.y_test);
  std::vector<std::string> names;
  const auto groups = single_columns(d.X_test.cols, names);
  const auto a = permutation_importance(d.X_test, names, groups, score, 5, seeded_shuffle(3));
  const auto b = permutation_importance(d.X_test, names, groups, score, 5, seeded_shuffle(3));
  CHECK(a.drops == b.drops);
  // With other shuffles the numbers move but the two strong features (sklearn: x6 and x9) stay on top.
  const auto& m = a.mean;
  for (size_t j : {0u, 1u, 2u, 3u, 4u, 5u, 7u, 8u}) {
    CHECK(m[6] > m[j]);
    CHECK(m[9] > m[j]);
  }
}

TEST_CASE("Columns of one source move together; bad requests say what is wrong", "[explain][importance]") {
  // y is decided by column 0 + column 1 together: as one group they matter, a constant column does not.
  DenseMatrix X(40, 3);
  std::vector<double> y;
  for (size_t i = 0; i < 40; ++i) {
    X.at(i, 0) = double(i % 2), X.at(i, 1) = double(1 - i % 2), X.at(i, 2) = 1.0;
    y.push_back(double(i % 2));
  }
  RowsScore score = [&](const DenseMatrix& M) {
    std::vector<double> p(M.rows);
    for (size_t i = 0; i < M.rows; ++i) p[i] = M.at(i, 0) - M.at(i, 1);
    return roc_auc(y, p);
  };
  std::vector<std::string> names;
  const auto groups = groups_by_source({"plan", "plan", "constant"}, names);
  REQUIRE(names == std::vector<std::string>{"plan", "constant"});
  const auto pi = permutation_importance(X, names, groups, score, 3, seeded_shuffle(1));
  CHECK(pi.mean[0] > 0.2);
  CHECK(pi.mean[1] == 0.0);
  CHECK_THROWS_WITH(permutation_importance(X, names, groups, score, 0, seeded_shuffle(1)),
                    Catch::Contains("repeats"));
  CHECK_THROWS_AS(permutation_importance(DenseMatrix(0, 3), names, groups, score, 3, seeded_shuffle(1)), std::invalid_argument);
}
