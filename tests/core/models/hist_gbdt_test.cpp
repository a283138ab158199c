#include <catch2/catch.hpp>

#include "core/math/det_math.hpp"
#include "core/models/hist_gbdt.hpp"
#include "core/models/learner_registry.hpp"
#include "tree_test_data.hpp"

using namespace lab;
using namespace lab::testing;

namespace {
HistGBDT fit_gbdt(const TreeTestData& d, TaskInfo task, nlohmann::json params = nlohmann::json::object()) {
  HistGBDT m(resolve_params(HistGBDT::param_specs(), params));
  train_to_end(m, d, task);
  return m;
}
}  // namespace

// Reference: xgboost 1.7.4 XGBClassifier/XGBRegressor(n_estimators=100, max_depth=6, learning_rate=0.3,
// reg_lambda=1, min_child_weight=1, tree_method="hist", n_jobs=1): our defaults are the same.
TEST_CASE("hist_gbdt AUC is within 0.005 of xgboost's on the same data and split") {
  for (const char* name : {"synth_binary", "breast_cancer"}) {
    auto d = load_tree_dataset(std::string(name) + ".csv");
    auto m = fit_gbdt(d, {Task::Binary, 2, 0});
    INFO(name);
    CHECK(m.trees().size() == 100);
    CHECK(roc_auc(d.y_test, m.predict(d.X_test).data) ==
          Approx(tree_reference()[name]["xgb_auc"].get<double>()).margin(0.005));
  }
}

TEST_CASE("hist_gbdt regression RMSE is within 2% of xgboost's") {
  auto d = load_tree_dataset("synth_regression.csv");
  const auto& ref = tree_reference()["synth_regression"];
  auto gentle = fit_gbdt(d, {Task::Regression, 0, 0}, {{"n_estimators", 200}, {"learning_rate", 0.05}, {"max_depth", 4}});
  CHECK(rmse(gentle.predict(d.X_test), d.y_test) ==
        Approx(ref["xgb_rmse_200_trees_lr_0.05_depth_4"].get<double>()).epsilon(0.02));
  // At the aggressive defaults (learning rate 0.3, depth 6) the two differ by how 255 bins fall
  // (xgboost itself moves by 3% between max_bin 128 and 256 here); ours comes out about 3% lower.
  // So only require that we are not worse.
  auto m = fit_gbdt(d, {Task::Regression, 0, 0});
  CHECK(rmse(m.predict(d.X_test), d.y_test) <= 1.02 * ref["xgb_rmse"].get<double>());
}

TEST_CASE("hist_gbdt loss falls step by step; early stopping keeps the best round") {
  auto d = load_tree_dataset("synth_binary.csv");
  HistGBDT m(resolve_params(HistGBDT::param_specs(), {{"n_estimators", 500}, {"learning_rate", 0.5},
                                                      {"early_stopping_rounds", 10}}));
  m.begin(d.X_train, d.y_train, d.X_test, d.y_test, {Task::Binary, 2, 0});
  std::vector<StepReport> r;
  while (!m.done()) r.push_back(m.step());
  REQUIRE(r.size() < 500);
  CHECK(r[1].train_loss < r[0].train_loss);
  size_t best = 0;
  for (size_t i = 0; i < r.size(); ++i)
    if (r[i].val_loss < r[best].val_loss) best = i;
  CHECK(r.size() == best + 1 + 10);
  CHECK(m.trees().size() == best + 1);
  CHECK(m.best_iteration() == int(best + 1));
}

TEST_CASE("hist_gbdt: subsampling is seeded, max_leaves bounds trees, JSON round trip is exact") {
  auto d = load_tree_dataset("breast_cancer.csv");
  nlohmann::json p = {{"n_estimators", 30}, {"subsample", 0.7}, {"colsample", 0.5}, {"max_leaves", 8}, {"max_depth", 0}};
  auto a = fit_gbdt(d, {Task::Binary, 2, 5}, p);
  auto b = fit_gbdt(d, {Task::Binary, 2, 5}, p);
  auto c = fit_gbdt(d, {Task::Binary, 2, 6}, p);
  CHECK(a.to_json() == b.to_json());
  CHECK(a.to_json() != c.to_json());
  for (const auto& t : a.trees()) CHECK(t.n_leaves() <= 8);
  CHECK(roc_auc(d.y_test, a.predict(d.X_test).data) > 0.95);
  auto loaded = learner_from_json(nlohmann::json::parse(a.to_json().dump()));
  CHECK(loaded->predict(d.X_test).data == a.predict(d.X_test).data);
}

TEST_CASE("hist_gbdt rejects bad parameters and tasks with clear messages") {
  CHECK_THROWS_WITH(make_learner("hist_gbdt", {{"learning_rate", 0}}), Catch::Contains("learning_rate"));
  CHECK_THROWS_WITH(make_learner("hist_gbdt", {{"subsample", 1.5}}), Catch::Contains("between 0.05 and 1"));
  CHECK_THROWS_WITH(make_learner("hist_gbdt", {{"max_depth", 0}}), Catch::Contains("needs max_leaves > 0"));
  auto b = load_tree_dataset("breast_cancer.csv");
  auto g = fit_gbdt(b, {Task::Binary, 2, 0}, {{"n_estimators", 3}});
  DenseMatrix wrong(1, 3);
  CHECK_THROWS_WITH(g.predict(wrong), Catch::Contains("expects 30 features, got 3"));
}

TEST_CASE("hist_gbdt early stopping needs validation rows") {
  auto d = load_tree_dataset("breast_cancer.csv");
  HistGBDT m(resolve_params(HistGBDT::param_specs(), {{"early_stopping_rounds", 5}}));
  DenseMatrix none;
  std::vector<double> no_y;
  CHECK_THROWS_WITH(m.begin(d.X_train, d.y_train, none, no_y, {Task::Binary, 2, 0}),
                    Catch::Contains("early_stopping_rounds needs validation rows"));
}

TEST_CASE("hist_gbdt's rounds come in parts of bounded work and grow the trees of whole passes") {
  // 60,000 rows: binning, each tree and each loss pass are several parts of kWorkPerPart visits.
  const TreeTestData d = synthetic_binary(60000, 8000, 6, 4);
  const DenseMatrix& X = d.X_train;
  const nlohmann::json params = resolve_params(HistGBDT::param_specs(), {{"n_estimators", 3}, {"max_depth", 5}});
  HistGBDT m(params);
  m.begin(X, d.y_train, d.X_test, d.y_test, {Task::Binary, 2, 5});
  int parts = 0;
  std::vector<StepReport> reports;
  while (!m.done()) {
    ++parts;
    if (std::optional<StepReport> r = m.step_part()) reports.push_back(*r);
  }
  REQUIRE(reports.size() == 3);
  CHECK(parts > 3 * 3);
  CHECK(reports[2].train_loss < reports[0].train_loss);

  // The same rounds as whole passes: binning at once, grow() at once, gradients over all rows.
  const FeatureBinner binner = FeatureBinner::fit(X);
  const std::vector<uint8_t> by_row = binner.bin_rows(X), by_column = binner.bin_columns(X);
  HistogramTreeGrower grower(binner, by_row.data(), by_column.data(), X.rows, X.cols);
  double mean = 0;
  for (double v : d.y_train) mean += v;
  mean /= double(X.rows);
  const double base = det::log(mean / (1.0 - mean));
  std::vector<double> raw(X.rows, base);
  std::vector<GradPair> gh(X.rows);
  auto gradients = [&] {
    for (size_t i = 0; i < X.rows; ++i) {
      const double z = raw[i], e = det::exp(z < 0 ? z : -z);
      const double p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      gh[i] = {p - d.y_train[i], std::max(p * (1.0 - p), 1e-16)};
    }
  };
  BoostTreeParams tp;
  tp.max_depth = 5;
  const std::vector<int> features = {0, 1, 2, 3, 4, 5};
  nlohmann::json trees = nlohmann::json::array();
  gradients();
  for (int round = 0; round < 3; ++round) {
    std::vector<uint32_t> rows(X.rows);
    for (size_t i = 0; i < X.rows; ++i) rows[i] = uint32_t(i);
    trees.push_back(grower.grow(gh.data(), rows, features, tp, raw.data()).to_json());
    gradients();
  }
  const nlohmann::json model = m.to_json();
  CHECK(model["base_score"].get<double>() == base);
  CHECK(model["trees"] == trees);
}
