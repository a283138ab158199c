#include <catch2/catch.hpp>

#include "core/models/decision_tree.hpp"
#include "core/models/learner_registry.hpp"
#include "tree_test_data.hpp"

using namespace lab;
using namespace lab::testing;

namespace {
DecisionTree fit_tree(const TreeTestData& d, TaskInfo task, nlohmann::json params = nlohmann::json::object()) {
  DecisionTree m(resolve_params(DecisionTree::param_specs(), params));
  train_to_end(m, d, task);
  return m;
}
}  // namespace

// Reference numbers: tests/reference/data/tree_reference.json (tests/reference/trees_reference.py).
TEST_CASE("decision tree matches scikit-learn's test accuracy on iris (multiclass)") {
  auto d = load_tree_dataset("iris.csv");
  const auto& ref = tree_reference()["iris"];
  for (int depth : {0, 4}) {
    auto m = fit_tree(d, {Task::Multiclass, 3, 0}, {{"max_depth", depth}});
    auto p = m.predict(d.X_test);
    REQUIRE(p.cols == 3);
    double want = ref[depth ? "dt_accuracy_depth_4" : "dt_accuracy_depth_none"];
    CHECK(argmax_accuracy(p, d.y_test) == Approx(want).margin(1.0 / 30 + 1e-9));  // at most one test row apart
  }
}

TEST_CASE("decision tree matches scikit-learn's test accuracy on breast cancer and synthetic data") {
  for (const char* name : {"breast_cancer", "synth_binary"}) {
    auto d = load_tree_dataset(std::string(name) + ".csv");
    const auto& ref = tree_reference()[name];
    for (int depth : {0, 4}) {
      auto m = fit_tree(d, {Task::Binary, 2, 0}, {{"max_depth", depth}});
      double want = ref[depth ? "dt_accuracy_depth_4" : "dt_accuracy_depth_none"];
      INFO(name << " depth " << depth);
      // Up to 2% of the test rows: scikit-learn breaks ties between equally good splits at random.
      CHECK(binary_accuracy(m.predict(d.X_test), d.y_test) == Approx(want).margin(0.02));
    }
  }
}

TEST_CASE("an unlimited decision tree fits its training data and respects depth and leaf limits") {
  auto d = load_tree_dataset("breast_cancer.csv");
  auto full = fit_tree(d, {Task::Binary, 2, 0});
  CHECK(binary_accuracy(full.predict(d.X_train), d.y_train) == 1.0);
  auto shallow = fit_tree(d, {Task::Binary, 2, 0}, {{"max_depth", 3}});
  CHECK(shallow.tree().depth() <= 3);
  CHECK(shallow.tree().n_leaves() <= 8);
  auto smooth = fit_tree(d, {Task::Binary, 2, 0}, {{"min_samples_leaf", 20}});
  CHECK(smooth.tree().n_leaves() <= d.y_train.size() / 20);
}

TEST_CASE("decision tree regression is close to scikit-learn's RMSE") {
  auto d = load_tree_dataset("synth_regression.csv");
  const auto& ref = tree_reference()["synth_regression"];
  auto m = fit_tree(d, {Task::Regression, 0, 0}, {{"max_depth", 6}});
  // 3%, not 2%: Friedman #1 is symmetric in x0 and x1, so near-tied splits go either way between
  // our 255 bins and scikit-learn's exact thresholds (sklearn on the same bins gives 2.734).
  CHECK(rmse(m.predict(d.X_test), d.y_test) == Approx(ref["dt_rmse_depth_6"].get<double>()).epsilon(0.03));
  auto full = fit_tree(d, {Task::Regression, 0, 0});
  CHECK(rmse(full.predict(d.X_test), d.y_test) == Approx(ref["dt_rmse_depth_none"].get<double>()).epsilon(0.05));
}

TEST_CASE("decision tree: entropy criterion, JSON round trip and determinism") {
  auto d = load_tree_dataset("iris.csv");
  auto m = fit_tree(d, {Task::Multiclass, 3, 0}, {{"criterion", "entropy"}, {"max_features", "sqrt"}});
  CHECK(argmax_accuracy(m.predict(d.X_test), d.y_test) >= 0.9);
  auto again = fit_tree(d, {Task::Multiclass, 3, 0}, {{"criterion", "entropy"}, {"max_features", "sqrt"}});
  CHECK(again.to_json() == m.to_json());
  auto text = m.to_json().dump();
  auto loaded = learner_from_json(nlohmann::json::parse(text));
  CHECK(loaded->predict(d.X_test).data == m.predict(d.X_test).data);
}

TEST_CASE("decision tree rejects bad parameters and data with clear messages") {
  CHECK_THROWS_WITH(make_learner("decision_tree", {{"max_depth", -1}}), Catch::Contains("max_depth"));
  CHECK_THROWS_WITH(make_learner("decision_tree", {{"criterion", "gain"}}), Catch::Contains("gini, entropy"));
  CHECK_THROWS_WITH(make_learner("decision_tree", {{"depth", 3}}), Catch::Contains("unknown parameter 'depth'"));
  auto m = make_learner("decision_tree", {});
  DenseMatrix X(3, 1), none;
  std::vector<double> y = {0, 1, 2}, no_y;
  CHECK_THROWS_WITH(m->begin(X, y, none, no_y, {Task::Binary, 2, 0}), Catch::Contains("whole numbers from 0 to 1"));
  std::vector<double> short_y = {0, 1};
  CHECK_THROWS_WITH(m->begin(X, short_y, none, no_y, {Task::Binary, 2, 0}), Catch::Contains("3 training rows but 2"));
  CHECK_THROWS_AS(make_learner("decision_tree", {})->predict(X), std::logic_error);
}

TEST_CASE("a decision tree at many rows is grown in parts of bounded work, and is the tree step() grows") {
  const TreeTestData d = synthetic_binary(40000, 5000, 6, 8);
  const nlohmann::json params = resolve_params(DecisionTree::param_specs(), {{"max_depth", 12}});
  DecisionTree whole(params), parts(params);
  whole.begin(d.X_train, d.y_train, d.X_test, d.y_test, {Task::Binary, 2, 4});
  parts.begin(d.X_train, d.y_train, d.X_test, d.y_test, {Task::Binary, 2, 4});
  const StepReport a = whole.step();
  int calls = 0;
  std::optional<StepReport> b;
  while (!b) ++calls, b = parts.step_part();
  CHECK(parts.done());
  CHECK(calls > 3);  // binning, growth and predictions came in several parts
  CHECK(b->train_loss == a.train_loss);
  CHECK(b->val_loss == a.val_loss);
  CHECK(parts.to_json() == whole.to_json());
}
