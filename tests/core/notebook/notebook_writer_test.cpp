// The notebook writer: valid nbformat 4 JSON, the cells a participant expects, the lab's learner
// params mapped to scikit-learn / xgboost arguments, and the feature spec mapped to transformers.
#include <catch2/catch.hpp>
#include <set>

#include "core/notebook/notebook_writer.hpp"
#include "core/notebook/python_features.hpp"
#include "core/notebook/python_learner.hpp"

using namespace lab;
using nlohmann::json;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

NotebookSpec loan_spec(const std::string& algo, json params) {
  NotebookSpec s;
  s.run_id = "0123456789abcdef0123456789abcdef";
  s.run_name = "loan boosted";
  s.dataset_name = "loan";
  s.dataset_hash = "feedbeef";
  s.data_file = "loan-boosted-01234567.csv";
  s.split_column = "lab_split";
  s.target = "approved";
  s.task = Task::Binary;
  s.class_values = json::array({0.0, 1.0});
  s.numeric_inputs = {"age", "income"};
  s.categorical_inputs = {"region"};
  s.algo = algo;
  s.params = std::move(params);
  s.seed = 7;
  s.lab_metrics = {{"accuracy", 0.8}, {"roc_auc", 0.8612}};
  return s;
}

std::string all_code(const std::vector<NotebookCell>& cells) {
  std::string code;
  for (const auto& c : cells)
    if (!c.markdown) code += c.text + "\n";
  return code;
}

}  // namespace

TEST_CASE("notebook: nbformat 4.5 JSON with markdown and code cells in order", "[notebook]") {
  const auto cells = notebook_cells(loan_spec("hist_gbdt", {{"n_estimators", 50}, {"learning_rate", 0.1}}));
  const json nb = json::parse(ipynb_text(cells));
  REQUIRE(nb["nbformat"] == 4);
  REQUIRE(nb["nbformat_minor"] == 5);
  REQUIRE(nb["metadata"]["kernelspec"]["name"] == "python3");
  REQUIRE(nb["cells"].size() == cells.size());
  std::set<std::string> ids;
  size_t markdown = 0, code = 0;
  for (const auto& c : nb["cells"]) {
    REQUIRE(c["source"].is_array());
    REQUIRE(c["metadata"].is_object());
    ids.insert(c["id"].get<std::string>());
    if (c["cell_type"] == "markdown") {
      ++markdown;
      REQUIRE(!c.contains("outputs"));
    } else {
      REQUIRE(c["cell_type"] == "code");
      REQUIRE(c["outputs"] == json::array());
      REQUIRE(c["execution_count"].is_null());
      ++code;
    }
    // every source line but the last ends with its newline, as Jupyter writes them
    for (size_t i = 0; i + 1 < c["source"].size(); ++i) REQUIRE(c["source"][i].get<std::string>().back() == '\n');
  }
  REQUIRE(ids.size() == cells.size());  // ids are unique
  REQUIRE(markdown >= 6);
  REQUIRE(code >= 6);
  REQUIRE(nb["cells"][0]["cell_type"] == "markdown");
  REQUIRE(has(nb["cells"][0]["source"][0].get<std::string>(), "loan boosted"));
  // the same code in the script, markdown as comments
  const std::string py = python_script_text(cells);
  REQUIRE(has(py, all_code(cells).substr(0, 200)));
  REQUIRE(has(py, "# ## The data"));
  REQUIRE(has(py, "mlflow.set_tracking_uri(TRACKING_URI)"));
  REQUIRE(has(py, "TRACKING_URI = os.environ.get(\"MLFLOW_TRACKING_URI\", \"./mlruns\")"));
}

TEST_CASE("notebook: the boosted learner becomes xgboost's hist trees with the lab's params", "[notebook]") {
  const json p = {{"n_estimators", 120},   {"learning_rate", 0.05}, {"max_depth", 4},       {"max_leaves", 0},
                  {"min_child_weight", 3.0}, {"reg_lambda", 2.5},   {"subsample", 0.8},     {"colsample", 0.7},
                  {"early_stopping_rounds", 10}, {"validation_fraction", 0.1}};
  const PythonLearner l = python_learner("hist_gbdt", p, Task::Binary);
  REQUIRE(l.xgboost);
  REQUIRE(l.import_line == "from xgboost import XGBClassifier");
  for (const char* arg : {"tree_method=\"hist\", max_bin=255", "n_estimators=120", "learning_rate=0.05", "max_depth=4",
                          "grow_policy=\"depthwise\"", "min_child_weight=3.0", "reg_lambda=2.5", "subsample=0.8",
                          "colsample_bytree=0.7", "early_stopping_rounds=10", "base_score=float(np.mean(y_fit))",
                          "random_state=SEED"})
    CHECK(has(l.constructor, arg));
  REQUIRE(l.early_stopping_rounds == 10);
  // a leaf limit switches xgboost to best-first growth, as the lab does
  REQUIRE(has(python_learner("hist_gbdt", {{"max_depth", 0}, {"max_leaves", 31}}, Task::Regression).constructor,
              "grow_policy=\"lossguide\""));
  REQUIRE(has(python_learner("hist_gbdt", json::object(), Task::Regression).import_line, "XGBRegressor"));
  // multiclass starts every class at the same score: no base_score from the labels
  REQUIRE(!has(python_learner("hist_gbdt", json::object(), Task::Multiclass).constructor, "base_score"));
  // the fit uses the lab's validation rows when early stopping is on
  const std::string code = all_code(notebook_cells(loan_spec("hist_gbdt", p)));
  REQUIRE(has(code, "model.fit(X_fit, y_fit, eval_set=[(X_validation, y_validation)], verbose=False)"));
}

TEST_CASE("notebook: every lab learner has a scikit-learn counterpart with matching params", "[notebook]") {
  const PythonLearner lr = python_learner("logistic_regression", {{"C", 0.5}, {"max_iter", 300}, {"tol", 1e-6}, {"solver", "newton"}}, Task::Binary);
  REQUIRE(lr.constructor == "LogisticRegression(C=0.5, max_iter=300, tol=1e-06, solver=\"newton-cg\")");
  REQUIRE(python_learner("ridge_regression", {{"alpha", 3.0}}, Task::Regression).constructor == "Ridge(alpha=3.0)");
  REQUIRE(python_learner("ridge_regression", {{"alpha", 0.0}}, Task::Regression).constructor == "LinearRegression()");
  REQUIRE(python_learner("knn", {{"n_neighbors", 9}, {"weights", "distance"}}, Task::Regression).constructor ==
          "KNeighborsRegressor(n_neighbors=9, weights=\"distance\")");
  REQUIRE(python_learner("gaussian_nb", {{"var_smoothing", 1e-7}}, Task::Binary).constructor == "GaussianNB(var_smoothing=1e-07)");
  const std::string svm = python_learner("svm", {{"kernel", "rbf"}, {"C", 2.0}, {"gamma", 0.0}, {"max_iter", 500}, {"tol", 0.001}}, Task::Binary).constructor;
  REQUIRE(svm == "SVC(kernel=\"rbf\", C=2.0, gamma=\"scale\", max_iter=500, tol=0.001, probability=True, random_state=SEED)");
  const std::string rf = python_learner("random_forest", {{"n_estimators", 40}, {"criterion", "entropy"}, {"max_depth", 0},
                                                          {"min_samples_split", 4}, {"min_samples_leaf", 2},
                                                          {"max_features", "auto"}, {"bootstrap", "false"}}, Task::Binary).constructor;
  REQUIRE(rf == "RandomForestClassifier(n_estimators=40, criterion=\"entropy\", max_depth=None, min_samples_split=4, "
                "min_samples_leaf=2, max_features=\"sqrt\", bootstrap=False, random_state=SEED)");
  // regression: squared error, and the lab's "auto" features mean all of them
  const std::string rfr = python_learner("random_forest", {{"max_features", "auto"}, {"max_depth", 8}}, Task::Regression).constructor;
  REQUIRE(has(rfr, "RandomForestRegressor("));
  REQUIRE(has(rfr, "criterion=\"squared_error\""));
  REQUIRE(has(rfr, "max_depth=8"));
  REQUIRE(has(rfr, "max_features=1.0"));
  REQUIRE(has(python_learner("decision_tree", {{"max_features", "all"}}, Task::Multiclass).constructor, "max_features=None"));
  // what differs is said for the tree learners (binned splits)
  REQUIRE(!python_learner("decision_tree", json::object(), Task::Binary).differences.empty());
  REQUIRE_THROWS_WITH(python_learner("deep_net", json::object(), Task::Binary), Catch::Contains("deep_net"));
}

TEST_CASE("notebook: the feature spec becomes imputers, bins, a scaler and one-hot encoding", "[notebook]") {
  const PythonFeatures def = python_features(json::object(), {"age", "income"}, {"region"});
  REQUIRE(has(def.transformer_code, "(\"numbers\", Pipeline([(\"impute\", SimpleImputer(strategy=\"median\")), (\"scale\", StandardScaler())]), NUMBERS)"));
  REQUIRE(has(def.transformer_code, "SimpleImputer(strategy=\"most_frequent\")), (\"one_hot\", OneHotEncoder(handle_unknown=\"ignore\"))"));
  REQUIRE(has(def.transformer_code, "sparse_threshold=0.0"));
  REQUIRE(def.derive_code.empty());

  const json spec = {{"drop", {"age"}},
                     {"derived", {{{"name", "loan_to_income"}, {"op", "ratio"}, {"a", "loan"}, {"b", "income"}},
                                  {{"name", "log_income"}, {"op", "log1p"}, {"a", "income"}}}},
                     {"impute", {{"numeric", "mean"}, {"categorical", "none"}}},
                     {"scale", "none"},
                     {"bins", {{{"column", "income"}, {"n_bins", 4}, {"encode", "ordinal"}}}}};
  const PythonFeatures f = python_features(spec, {"income", "loan"}, {"region"});
  REQUIRE(f.derived_names == std::vector<std::string>{"loan_to_income", "log_income"});
  REQUIRE(has(f.derive_code, "df[\"loan_to_income\"] = df[\"loan\"] / df[\"income\"].where(df[\"income\"] != 0)"));
  REQUIRE(has(f.derive_code, "np.log1p(df[\"income\"].where(df[\"income\"] > -1))"));
  REQUIRE(has(f.transformer_code, "NUMBERS = [\"loan\", \"loan_to_income\", \"log_income\"]"));
  REQUIRE(has(f.transformer_code, "KBinsDiscretizer(n_bins=4, encode=\"ordinal\", strategy=\"quantile\")"));
  REQUIRE(has(f.transformer_code, "SimpleImputer(strategy=\"mean\")"));
  REQUIRE(!has(f.transformer_code, "StandardScaler"));
  // no categorical imputation: a missing category gives all zeros, as in the lab
  REQUIRE(has(f.transformer_code, "OneHotEncoder(handle_unknown=\"ignore\", categories="));
}

TEST_CASE("notebook: regression and multiclass score with their own metrics", "[notebook]") {
  NotebookSpec s = loan_spec("ridge_regression", {{"alpha", 1.0}});
  s.task = Task::Regression;
  s.class_values = json::array();
  s.target = "hours";
  const std::string reg = all_code(notebook_cells(s));
  REQUIRE(has(reg, "\"rmse\": float(np.sqrt(mean_squared_error(y_test, predicted)))"));
  REQUIRE(has(reg, "y = df[TARGET].astype(float)"));
  REQUIRE(!has(reg, "CLASSES"));

  NotebookSpec m = loan_spec("knn", {{"n_neighbors", 5}, {"weights", "uniform"}});
  m.task = Task::Multiclass;
  m.target_is_category = true;
  m.class_values = json::array({"setosa", "versicolor", "virginica"});
  const std::string mc = all_code(notebook_cells(m));
  REQUIRE(has(mc, "CLASSES = [\"setosa\", \"versicolor\", \"virginica\"]"));
  REQUIRE(has(mc, "roc_auc_score(y_test, P, multi_class=\"ovr\""));
  REQUIRE(has(mc, "TEXT_COLUMNS = [\"region\", \"approved\"]"));
}
