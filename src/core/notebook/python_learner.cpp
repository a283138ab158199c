#include "core/notebook/python_learner.hpp"

#include <stdexcept>

#include "core/notebook/python_literal.hpp"

namespace lab {

using nlohmann::json;

namespace {

double number(const json& p, const char* k, double fallback) {
  return p.contains(k) && p[k].is_number() ? p[k].get<double>() : fallback;
}
int64_t whole(const json& p, const char* k, int64_t fallback) { return int64_t(number(p, k, double(fallback))); }
std::string text(const json& p, const char* k, const std::string& fallback) {
  return p.contains(k) && p[k].is_string() ? p[k].get<std::string>() : fallback;
}

// max_depth 0 is "no limit" in the lab, None in scikit-learn.
std::string depth_or_none(int64_t d) { return d <= 0 ? "None" : py::integer(d); }

std::string max_features_arg(const std::string& v, Task task) {
  if (v == "sqrt" || v == "log2") return py::str(v);
  if (v == "auto") return task == Task::Regression ? "1.0" : py::str("sqrt");  // the lab's "auto"
  return "None";                                                                 // "all"
}

const char* kBinsNote =
    "The lab searches splits on 255 quantile bins per feature (computed once from the training rows); "
    "scikit-learn's trees try every distinct value, so a few splits land elsewhere.";

PythonLearner logistic(const json& p) {
  PythonLearner l;
  l.import_line = "from sklearn.linear_model import LogisticRegression";
  // The lab minimises the same L2-penalised log loss (C times the summed loss plus half the
  // squared weights, intercept not penalised); any solver that converges finds the same weights.
  const std::string solver = text(p, "solver", "auto") == "newton" ? "newton-cg" : "lbfgs";
  l.constructor = "LogisticRegression(C=" + py::num(number(p, "C", 1.0)) + ", max_iter=" +
                  py::integer(whole(p, "max_iter", 100)) + ", tol=" + py::num(number(p, "tol", 1e-8)) +
                  ", solver=" + py::str(solver) + ")";
  l.summary = "scikit-learn's LogisticRegression minimises the same L2-penalised log loss as the lab (C weighs "
              "the data against the penalty; the intercept is not penalised).";
  if (text(p, "solver", "auto") == "auto")
    l.differences.push_back("The lab's solver 'auto' picks Newton's method for small problems and L-BFGS otherwise; "
                            "here it is L-BFGS. Both converge to the same weights, up to the tolerance.");
  return l;
}

PythonLearner ridge(const json& p, Task) {
  PythonLearner l;
  const double alpha = number(p, "alpha", 1.0);
  if (alpha == 0) {
    l.import_line = "from sklearn.linear_model import LinearRegression";
    l.constructor = "LinearRegression()";
    l.summary = "alpha = 0 is ordinary least squares: scikit-learn's LinearRegression.";
  } else {
    l.import_line = "from sklearn.linear_model import Ridge";
    l.constructor = "Ridge(alpha=" + py::num(alpha) + ")";
    l.summary = "scikit-learn's Ridge solves the same problem: squared error plus alpha times the squared weights, "
                "intercept not penalised.";
  }
  return l;
}

PythonLearner knn(const json& p, Task task) {
  PythonLearner l;
  const std::string cls = task == Task::Regression ? "KNeighborsRegressor" : "KNeighborsClassifier";
  l.import_line = "from sklearn.neighbors import " + cls;
  l.constructor = cls + "(n_neighbors=" + py::integer(whole(p, "n_neighbors", 5)) +
                  ", weights=" + py::str(text(p, "weights", "uniform")) + ")";
  l.summary = "scikit-learn's " + cls + " with the same k, weighting and Euclidean distance.";
  l.differences.push_back("Ties in distance may be broken in another order, which can change a few predictions.");
  return l;
}

PythonLearner naive_bayes(const json& p) {
  PythonLearner l;
  l.import_line = "from sklearn.naive_bayes import GaussianNB";
  l.constructor = "GaussianNB(var_smoothing=" + py::num(number(p, "var_smoothing", 1e-9)) + ")";
  l.summary = "scikit-learn's GaussianNB: the same per-class bell curves and variance smoothing.";
  return l;
}

PythonLearner svm(const json& p) {
  PythonLearner l;
  l.import_line = "from sklearn.svm import SVC";
  const double gamma = number(p, "gamma", 0);
  l.constructor = "SVC(kernel=" + py::str(text(p, "kernel", "rbf")) + ", C=" + py::num(number(p, "C", 1.0)) +
                  ", gamma=" + (gamma == 0 ? py::str("scale") : py::num(gamma)) +
                  ", max_iter=" + py::integer(whole(p, "max_iter", -1)) + ", tol=" + py::num(number(p, "tol", 1e-3)) +
                  ", probability=True, random_state=SEED)";
  l.summary = "scikit-learn's SVC (libsvm) with the same kernel, C, gamma, iteration limit and tolerance; "
              "probability=True adds Platt's sigmoid, as the lab does.";
  l.differences.push_back("scikit-learn fits Platt's sigmoid by internal 5-fold cross-validation, the lab on the "
                          "training rows' decision values, so probabilities (not the ranking) differ slightly.");
  if (text(p, "kernel", "rbf") == "linear")
    l.differences.push_back("The lab's linear kernel is solved by dual coordinate descent, libsvm's by SMO: the "
                            "same optimum when both converge.");
  return l;
}

PythonLearner tree(const json& p, Task task, bool forest) {
  PythonLearner l;
  const bool reg = task == Task::Regression;
  const std::string cls = std::string(forest ? "RandomForest" : "DecisionTree") + (reg ? "Regressor" : "Classifier");
  l.import_line = std::string("from sklearn.") + (forest ? "ensemble" : "tree") + " import " + cls;
  std::string args;
  if (forest) args += "n_estimators=" + py::integer(whole(p, "n_estimators", 100)) + ", ";
  args += "criterion=" + py::str(reg ? "squared_error" : text(p, "criterion", "gini"));
  args += ", max_depth=" + depth_or_none(whole(p, "max_depth", 0));
  args += ", min_samples_split=" + py::integer(whole(p, "min_samples_split", 2));
  args += ", min_samples_leaf=" + py::integer(whole(p, "min_samples_leaf", 1));
  args += ", max_features=" + max_features_arg(text(p, "max_features", forest ? "auto" : "all"), task);
  if (forest) args += ", bootstrap=" + py::boolean(text(p, "bootstrap", "true") == "true");
  args += ", random_state=SEED";
  l.constructor = cls + "(" + args + ")";
  l.summary = "scikit-learn's " + cls + " with the same depth, leaf and split limits" +
              (forest ? ", number of trees, feature sampling and bootstrap." : " and feature sampling.");
  l.differences.push_back(kBinsNote);
  l.differences.push_back("The random draws (bootstrap rows, candidate features) come from another generator, so "
                          "individual trees differ even with the same seed.");
  return l;
}

PythonLearner boosting(const json& p, Task task) {
  PythonLearner l;
  l.xgboost = true;
  const bool reg = task == Task::Regression;
  const std::string cls = reg ? "XGBRegressor" : "XGBClassifier";
  l.import_line = "from xgboost import " + cls;
  const int64_t leaves = whole(p, "max_leaves", 0);
  l.early_stopping_rounds = int(whole(p, "early_stopping_rounds", 0));
  std::string args = "tree_method=\"hist\", max_bin=255";  // the lab's 255 bins per feature
  args += ", n_estimators=" + py::integer(whole(p, "n_estimators", 100));
  args += ", learning_rate=" + py::num(number(p, "learning_rate", 0.3));
  args += ", max_depth=" + py::integer(whole(p, "max_depth", 6));
  args += ", max_leaves=" + py::integer(leaves);
  args += ", grow_policy=" + py::str(leaves > 0 ? "lossguide" : "depthwise");
  args += ", min_child_weight=" + py::num(number(p, "min_child_weight", 1.0));
  args += ", reg_lambda=" + py::num(number(p, "reg_lambda", 1.0));
  args += ", reg_alpha=0.0, gamma=0.0";
  args += ", subsample=" + py::num(number(p, "subsample", 1.0));
  args += ", colsample_bytree=" + py::num(number(p, "colsample", 1.0));
  // The lab starts from the training rows' mean (binary: their share of class 1, as log-odds);
  // xgboost takes that start as base_score (a probability for the binary objective).
  if (task != Task::Multiclass) args += ", base_score=float(np.mean(y_fit))";
  if (l.early_stopping_rounds > 0) args += ", early_stopping_rounds=" + py::integer(l.early_stopping_rounds);
  args += ", random_state=SEED";
  l.constructor = cls + "(" + args + ")";
  l.summary = "xgboost's " + cls + " with the histogram tree method is the algorithm the lab implements: the same "
              "rounds, learning rate, depth or leaf limit, hessian limit, L2 on leaf values, row and column sampling.";
  l.differences.push_back("Both cut each feature into at most 255 bins, xgboost with its own quantile sketch and the "
                          "lab from exact quantiles, so some split points differ slightly.");
  l.differences.push_back("Row and column samples come from xgboost's own random generator.");
  if (l.early_stopping_rounds > 0)
    l.differences.push_back("Early stopping watches the same validation rows the lab held out (marked "
                            "'validation' in the data file).");
  return l;
}

}  // namespace

PythonLearner python_learner(const std::string& algo, const json& params, Task task) {
  if (algo == "logistic_regression") return logistic(params);
  if (algo == "ridge_regression") return ridge(params, task);
  if (algo == "knn") return knn(params, task);
  if (algo == "gaussian_nb") return naive_bayes(params);
  if (algo == "svm") return svm(params);
  if (algo == "decision_tree") return tree(params, task, false);
  if (algo == "random_forest") return tree(params, task, true);
  if (algo == "hist_gbdt") return boosting(params, task);
  throw std::invalid_argument("there is no notebook translation for the learner '" + algo + "'");
}

}  // namespace lab
