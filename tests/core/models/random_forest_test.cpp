#include <catch2/catch.hpp>

#include "core/models/learner_registry.hpp"
#include "core/models/random_forest.hpp"
#include "tree_test_data.hpp"

using namespace lab;
using namespace lab::testing;

namespace {
RandomForest fit_forest(const TreeTestData& d, TaskInfo task, nlohmann::json params = nlohmann::json::object()) {
  RandomForest m(resolve_params(RandomForest::param_specs(), params));
  train_to_end(m, d, task);
  return m;
}
constexpr int kSeeds = 20;  // forests are random: compare means over seeds, as the reference does
}  // namespace

// Reference numbers: tests/reference/data/tree_reference.json (tests/reference/trees_reference.py).
TEST_CASE("random forest AUC is within 0.005 of scikit-learn's (mean over 20 seeds)") {
  for (const char* name : {"synth_binary", "breast_cancer"}) {
    auto d = load_tree_dataset(std::string(name) + ".csv");
    double sum = 0;
    for (int s = 0; s < kSeeds; ++s) sum += roc_auc(d.y_test, fit_forest(d, {Task::Binary, 2, uint64_t(s)}).predict(d.X_test).data);
    INFO(name);
    CHECK(sum / kSeeds == Approx(tree_reference()[name]["rf_auc_mean"].get<double>()).margin(0.005));
  }
}

TEST_CASE("random forest on iris matches scikit-learn's accuracy") {
  auto d = load_tree_dataset("iris.csv");
  double sum = 0;
  for (int s = 0; s < 5; ++s) {
    auto p = fit_forest(d, {Task::Multiclass, 3, uint64_t(s)}).predict(d.X_test);
    REQUIRE(p.cols == 3);
    REQUIRE(p.at(0, 0) + p.at(0, 1) + p.at(0, 2) == Approx(1.0));
    sum += argmax_accuracy(p, d.y_test);
  }
  CHECK(sum / 5 == Approx(tree_reference()["iris"]["rf_accuracy_mean"].get<double>()).margin(1.0 / 30 + 1e-9));
}

TEST_CASE("random forest regression RMSE is within 2% of scikit-learn's") {
  auto d = load_tree_dataset("synth_regression.csv");
  double sum = 0;
  for (int s = 0; s < 5; ++s) sum += rmse(fit_forest(d, {Task::Regression, 0, uint64_t(s)}).predict(d.X_test), d.y_test);
  CHECK(sum / 5 == Approx(tree_reference()["synth_regression"]["rf_rmse_mean"].get<double>()).epsilon(0.02));
}

TEST_CASE("random forest trains one tree per step with a falling loss and reports progress") {
  auto d = load_tree_dataset("synth_binary.csv");
  RandomForest m(resolve_params(RandomForest::param_specs(), {{"n_estimators", 10}}));
  m.begin(d.X_train, d.y_train, d.X_test, d.y_test, {Task::Binary, 2, 1});
  std::vector<StepReport> reports;
  while (!m.done()) {
    reports.push_back(m.step());
    CHECK(m.progress() == Approx(double(reports.size()) / 10));
  }
  REQUIRE(reports.size() == 10);
  CHECK(reports.back().val_loss < reports.front().val_loss);
  CHECK(reports.back().train_loss < reports.back().val_loss);
}

TEST_CASE("random forest: same seed same model, other seed other model, JSON round trip") {
  auto d = load_tree_dataset("breast_cancer.csv");
  nlohmann::json p = {{"n_estimators", 15}, {"max_depth", 8}, {"bootstrap", "true"}};
  auto a = fit_forest(d, {Task::Binary, 2, 7}, p);
  auto b = fit_forest(d, {Task::Binary, 2, 7}, p);
  auto c = fit_forest(d, {Task::Binary, 2, 8}, p);
  CHECK(a.to_json() == b.to_json());
  CHECK(a.to_json() != c.to_json());
  for (const auto& t : a.trees()) CHECK(t.depth() <= 8);
  auto loaded = learner_from_json(nlohmann::json::parse(a.to_json().dump()));
  CHECK(loaded->predict(d.X_test).data == a.predict(d.X_test).data);
}

TEST_CASE("random forest without bootstrap and with all features grows identical trees") {
  auto d = load_tree_dataset("iris.csv");
  auto m = fit_forest(d, {Task::Multiclass, 3, 3}, {{"n_estimators", 3}, {"bootstrap", "false"}, {"max_features", "all"}});
  CHECK(m.trees()[0].to_json() == m.trees()[2].to_json());
}

TEST_CASE("random forest rejects bad parameters and data with clear messages") {
  CHECK_THROWS_WITH(make_learner("random_forest", {{"n_estimators", 0}}), Catch::Contains("n_estimators"));
  CHECK_THROWS_WITH(make_learner("random_forest", {{"bootstrap", true}}), Catch::Contains("must be a string"));
  CHECK_THROWS_WITH(make_learner("random_forest", {{"max_features", "half"}}), Catch::Contains("auto, sqrt, log2, all"));
  auto m = make_learner("random_forest", {});
  DenseMatrix X(2, 2), none;
  std::vector<double> y = {0, 1.5}, no_y;
  CHECK_THROWS_WITH(m->begin(X, y, none, no_y, {Task::Binary, 2, 0}), Catch::Contains("whole numbers"));
  DenseMatrix empty(0, 2);
  std::vector<double> ey;
  CHECK_THROWS_WITH(m->begin(empty, ey, none, no_y, {Task::Binary, 2, 0}), Catch::Contains("no rows"));
  CHECK_THROWS_WITH(learner_from_json({{"algo", "random_forest"}, {"params", resolve_params(RandomForest::param_specs(), {})},
                                       {"task", "binary"}, {"n_classes", 2}, {"n_features", 2}, {"trees", nlohmann::json::array()}}),
                    Catch::Contains("no trees"));
}

TEST_CASE("a forest's tree at many rows comes in parts of bounded work, and the forest is the one step() grows") {
  // 40,000 rows: a tree is several parts (bins, bootstrap, node batches, predictions); a frame-
  // paced caller (TrainJob) calls step_part() and never waits for a whole tree.
  const TreeTestData data = synthetic_binary(40000, 5000, 6, 5);
  const DenseMatrix &X = data.X_train, &X_val = data.X_test;
  const std::vector<double> &y = data.y_train, &y_val = data.y_test;
  const nlohmann::json params = resolve_params(RandomForest::param_specs(), {{"n_estimators", 2}});
  RandomForest whole(params), parts(params);
  whole.begin(X, y, X_val, y_val, {Task::Binary, 2, 9});
  parts.begin(X, y, X_val, y_val, {Task::Binary, 2, 9});
  std::vector<StepReport> a, b;
  while (!whole.done()) a.push_back(whole.step());
  int calls = 0;
  while (!parts.done()) {
    ++calls;
    if (std::optional<StepReport> r = parts.step_part()) b.push_back(*r);
  }
  REQUIRE(b.size() == 2);
  CHECK(calls > 2 * 3);  // each tree took several parts
  for (size_t i = 0; i < 2; ++i) {
    CHECK(b[i].step == a[i].step);
    CHECK(b[i].train_loss == a[i].train_loss);
    CHECK(b[i].val_loss == a[i].val_loss);
  }
  CHECK(parts.to_json() == whole.to_json());
  CHECK(parts.predict(X_val).data == whole.predict(X_val).data);
}
