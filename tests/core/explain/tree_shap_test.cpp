// Exact TreeSHAP against its two defining properties: contributions plus the base value give the
// model's raw output (additivity), and they equal the Shapley values computed by brute force over
// every coalition from the same path-dependent conditional expectations (models with <= 8 features).
#include "core/explain/tree_shap.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "../models/tree_test_data.hpp"
#include "core/explain/contributions.hpp"
#include "core/models/decision_tree.hpp"
#include "core/models/hist_gbdt.hpp"
#include "core/models/random_forest.hpp"
#include "support/fit.hpp"

using namespace lab;
using namespace lab::testing;
using Catch::Matchers::WithinAbs;

namespace {

// E[tree output | the features in `known` take x's values]: a known feature follows x, an
// unknown one averages both children by their training cover (the path-dependent expectation).
double conditional_expectation(const FlatTree& t, size_t node, int out, const double* x, uint32_t known) {
  const TreeNode& n = t.node(node);
  if (n.feature < 0) return t.outputs_of_leaf(n)[out];
  const size_t left = size_t(n.left);
  if (known & (1u << n.feature)) return conditional_expectation(t, left + size_t(x[n.feature] > n.threshold), out, x, known);
  return (t.cover(left) * conditional_expectation(t, left, out, x, known) +
          t.cover(left + 1) * conditional_expectation(t, left + 1, out, x, known)) /
         t.cover(node);
}

// Shapley values of v(S) = sum over trees of scale x E[tree | x_S], by enumerating all 2^M coalitions.
std::vector<double> brute_force_shapley(const std::vector<const FlatTree*>& trees, double scale, int out,
                                        const double* x, size_t M) {
  std::vector<double> value(size_t(1) << M, 0.0);
  for (uint32_t S = 0; S < value.size(); ++S)
    for (const FlatTree* t : trees) value[S] += scale * conditional_expectation(*t, 0, out, x, S);
  std::vector<double> fact(M + 1, 1.0);
  for (size_t i = 1; i <= M; ++i) fact[i] = fact[i - 1] * double(i);
  std::vector<double> phi(M, 0.0);
  for (size_t i = 0; i < M; ++i)
    for (uint32_t S = 0; S < value.size(); ++S) {
      if (S & (1u << i)) continue;
      const size_t s = size_t(__builtin_popcount(S));
      phi[i] += fact[s] * fact[M - s - 1] / fact[M] * (value[S | (1u << i)] - value[S]);
    }
  return phi;
}

std::vector<std::string> column_names(size_t d) {
  std::vector<std::string> names;
  for (size_t j = 0; j < d; ++j) names.push_back("x" + std::to_string(j));
  return names;
}

std::vector<double> row_of(const DenseMatrix& X, size_t r) { return {X.row(r), X.row(r) + X.cols}; }

// Checks additivity against the model's own raw output and equality with brute force on rows of X.
void check_rows(const Learner& m, const std::vector<const FlatTree*>& trees, double scale, int out, const DenseMatrix& X,
                int class_index, const std::function<double(const std::vector<double>&)>& raw_output, double base_offset) {
  for (size_t r = 0; r < std::min<size_t>(X.rows, 12); ++r) {
    const auto x = row_of(X, r);
    const Contributions c = tree_contributions(m, x, column_names(X.cols), class_index);
    double total = c.base;
    for (double v : c.values) total += v;
    CHECK_THAT(total, WithinAbs(raw_output(x), 1e-9));
    CHECK_THAT(c.output, WithinAbs(raw_output(x), 1e-9));
    const auto phi = brute_force_shapley(trees, scale, out, x.data(), X.cols);
    for (size_t j = 0; j < X.cols; ++j) CHECK_THAT(c.values[j], WithinAbs(phi[j], 1e-9));
    double expected = base_offset;
    for (const FlatTree* t : trees) expected += scale * conditional_expectation(*t, 0, out, x.data(), 0);
    CHECK_THAT(c.base, WithinAbs(expected, 1e-9));
  }
}

DenseMatrix one_row(const std::vector<double>& x) {
  DenseMatrix M(1, x.size());
  M.data = x;
  return M;
}

}  // namespace

TEST_CASE("TreeSHAP of a deep boosted model adds up to its log-odds and equals brute-force Shapley values", "[explain][treeshap]") {
  TreeTestData d = synthetic_binary(400, 20, 6, 11);
  d.X_test.at(3, 2) = std::nan("");  // a missing value follows the left branch in both
  HistGBDT m(resolve_params(HistGBDT::param_specs(), {{"n_estimators", 30}, {"max_depth", 6}, {"learning_rate", 0.3}}));
  train_to_end(m, d, labtest::binary());
  std::vector<const FlatTree*> trees;
  for (const auto& t : m.trees()) trees.push_back(&t);
  check_rows(m, trees, 1.0, 0, d.X_test, 0, [&](const std::vector<double>& x) { return m.predict_raw(one_row(x))[0]; },
             m.base_score());
}

TEST_CASE("TreeSHAP of a boosted regression and of one class of a multiclass booster", "[explain][treeshap]") {
  TreeTestData d = synthetic_binary(300, 12, 5, 5);
  for (size_t i = 0; i < d.X_train.rows; ++i) d.y_train[i] = d.X_train.at(i, 0) * d.X_train.at(i, 1) + d.X_train.at(i, 4);
  HistGBDT reg(resolve_params(HistGBDT::param_specs(), {{"n_estimators", 20}, {"max_depth", 5}}));
  train_to_end(reg, d, labtest::regression());
  std::vector<const FlatTree*> trees;
  for (const auto& t : reg.trees()) trees.push_back(&t);
  check_rows(reg, trees, 1.0, 0, d.X_test, 0, [&](const std::vector<double>& x) { return reg.predict_raw(one_row(x))[0]; },
             reg.base_score());

  TreeTestData iris = load_tree_dataset("iris.csv");
  HistGBDT multi(resolve_params(HistGBDT::param_specs(), {{"n_estimators", 15}, {"max_depth", 4}}));
  train_to_end(multi, iris, labtest::multiclass(3));
  for (int cls = 0; cls < 3; ++cls) {
    std::vector<const FlatTree*> mine;
    for (size_t t = size_t(cls); t < multi.trees().size(); t += 3) mine.push_back(&multi.trees()[t]);
    check_rows(multi, mine, 1.0, 0, iris.X_test, cls,
               [&](const std::vector<double>& x) { return multi.predict_raw(one_row(x))[size_t(cls)]; }, multi.base_score());
  }
}

TEST_CASE("TreeSHAP of a random forest explains the averaged class-1 probability", "[explain][treeshap]") {
  TreeTestData d = synthetic_binary(300, 15, 7, 3);
  RandomForest m(resolve_params(RandomForest::param_specs(), {{"n_estimators", 8}, {"max_depth", 7}}));
  train_to_end(m, d, TaskInfo{Task::Binary, 2, 9});
  std::vector<const FlatTree*> trees;
  for (const auto& t : m.trees()) trees.push_back(&t);
  check_rows(m, trees, 1.0 / 8, 1, d.X_test, 0, [&](const std::vector<double>& x) { return m.predict(one_row(x)).data[0]; },
             0.0);
}

TEST_CASE("TreeSHAP of a decision tree, binary and multiclass", "[explain][treeshap]") {
  TreeTestData d = synthetic_binary(300, 15, 8, 21);
  DecisionTree m(resolve_params(DecisionTree::param_specs(), {}));
  train_to_end(m, d, labtest::binary());
  REQUIRE(m.tree().depth() > 4);
  check_rows(m, {&m.tree()}, 1.0, 1, d.X_test, 0, [&](const std::vector<double>& x) { return m.predict(one_row(x)).data[0]; },
             0.0);

  TreeTestData iris = load_tree_dataset("iris.csv");
  DecisionTree t3(resolve_params(DecisionTree::param_specs(), {}));
  train_to_end(t3, iris, labtest::multiclass(3));
  check_rows(t3, {&t3.tree()}, 1.0, 2, iris.X_test, 2,
             [&](const std::vector<double>& x) { return t3.predict(one_row(x)).at(0, 2); }, 0.0);
}

TEST_CASE("TreeSHAP survives a save and reload; a tree saved without cover is refused with a way out", "[explain][treeshap]") {
  TreeTestData d = synthetic_binary(200, 5, 4, 2);
  HistGBDT m(resolve_params(HistGBDT::param_specs(), {{"n_estimators", 5}}));
  train_to_end(m, d, labtest::binary());
  const HistGBDT back = HistGBDT::from_json(m.to_json());
  const auto x = row_of(d.X_test, 0);
  const auto a = tree_contributions(m, x, column_names(4), 0), b = tree_contributions(back, x, column_names(4), 0);
  CHECK(a.values == b.values);
  CHECK(a.base == b.base);

  nlohmann::json old_doc = m.to_json();
  for (auto& t : old_doc["trees"]) t.erase("cover");
  const HistGBDT old = HistGBDT::from_json(old_doc);
  try {
    tree_contributions(old, x, column_names(4), 0);
    FAIL("a model without cover was explained");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()).find("retrain") != std::string::npos);
  }
}

TEST_CASE("Contributions fold one-hot columns back onto their source column", "[explain]") {
  Contributions c;
  c.names = {"age", "plan=basic", "plan=premium", "income"};
  c.values = {0.5, -0.25, 0.125, 1.0};
  const Contributions f = fold_contributions(c, {"age", "plan", "plan", "income"});
  REQUIRE(f.names == std::vector<std::string>{"age", "plan", "income"});
  CHECK(f.values == std::vector<double>{0.5, -0.125, 1.0});
  CHECK_THROWS_AS(fold_contributions(c, {"age"}), std::invalid_argument);
}
