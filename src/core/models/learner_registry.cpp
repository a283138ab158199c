#include "core/models/learner_registry.hpp"

#include <stdexcept>

#include "core/models/decision_tree.hpp"
#include "core/models/hist_gbdt.hpp"
#include "core/models/logistic_regression.hpp"
#include "core/models/ridge_regression.hpp"
#include "core/models/knn.hpp"
#include "core/models/gaussian_nb.hpp"
#include "core/models/svm.hpp"
#include "core/models/random_forest.hpp"

namespace lab {

const char* to_string(Task t) {
  switch (t) {
    case Task::Binary: return "binary";
    case Task::Multiclass: return "multiclass";
    case Task::Regression: return "regression";
  }
  return "binary";
}

// One entry per learner. Add new learners here.
const std::vector<LearnerInfo>& learners() {
  static const std::vector<LearnerInfo> all = {
      {"logistic_regression", "Logistic regression",
       "A weighted sum of the (standardised) features passed through a sigmoid. A strong, explainable "
       "baseline: always train it first.",
       {Task::Binary, Task::Multiclass}, &LogisticRegression::param_specs,
       [](const nlohmann::json& p) { return std::make_unique<LogisticRegression>(p); },
       [](const nlohmann::json& j) { return std::make_unique<LogisticRegression>(LogisticRegression::from_json(j)); }},
      {"ridge_regression", "Linear / ridge regression",
       "Predicts a number as a weighted sum of the features. alpha = 0 is ordinary least squares; a larger "
       "alpha keeps the weights small. The baseline for every regression task.",
       {Task::Regression}, &RidgeRegression::param_specs,
       [](const nlohmann::json& p) { return std::make_unique<RidgeRegression>(p); },
       [](const nlohmann::json& j) { return std::make_unique<RidgeRegression>(RidgeRegression::from_json(j)); }},
      {"knn", "k-nearest neighbours",
       "Predicts from the k most similar training rows: their majority class, or their average value. No "
       "training at all, but every prediction searches the whole training table.",
       {Task::Binary, Task::Multiclass, Task::Regression}, &KNearestNeighbors::param_specs,
       [](const nlohmann::json& p) { return std::make_unique<KNearestNeighbors>(p); },
       [](const nlohmann::json& j) { return std::make_unique<KNearestNeighbors>(KNearestNeighbors::from_json(j)); }},
      {"gaussian_nb", "Gaussian naive Bayes",
       "Models each feature within each class as a bell curve and combines them with Bayes' rule, as if "
       "features were independent. Very fast; probabilities are often overconfident.",
       {Task::Binary, Task::Multiclass}, &GaussianNaiveBayes::param_specs,
       [](const nlohmann::json& p) { return std::make_unique<GaussianNaiveBayes>(p); },
       [](const nlohmann::json& j) { return std::make_unique<GaussianNaiveBayes>(GaussianNaiveBayes::from_json(j)); }},
      {"svm", "Support vector machine",
       "Finds the boundary with the widest margin between two classes, straight (linear kernel) or curved "
       "(rbf kernel); for more classes one machine per pair of classes, as scikit-learn's SVC. Strong on small "
       "and medium tables; training time grows quickly with the row count.",
       {Task::Binary, Task::Multiclass}, &SupportVectorMachine::param_specs,
       [](const nlohmann::json& p) { return std::make_unique<SupportVectorMachine>(p); },
       [](const nlohmann::json& j) { return std::make_unique<SupportVectorMachine>(SupportVectorMachine::from_json(j)); }},
      {"decision_tree", "Decision tree",
       "A flowchart of yes/no questions on single features, learned from the data. Easy to read and explain, "
       "but a deep tree memorises noise: limit max_depth or raise min_samples_leaf. Splits are searched on 255 "
       "quantile bins per feature (computed once from the training rows), as histogram boosting does.",
       {Task::Binary, Task::Multiclass, Task::Regression}, &DecisionTree::param_specs,
       [](const nlohmann::json& p) { return std::make_unique<DecisionTree>(p); },
       [](const nlohmann::json& j) { return std::make_unique<DecisionTree>(DecisionTree::from_json(j)); }},
      {"random_forest", "Random forest",
       "Many deep decision trees, each trained on a random resample of the rows and a random choice of "
       "features, averaged. Strong out of the box with little tuning. Splits are searched on 255 quantile bins "
       "per feature (computed once from the training rows), as histogram boosting does.",
       {Task::Binary, Task::Multiclass, Task::Regression}, &RandomForest::param_specs,
       [](const nlohmann::json& p) { return std::make_unique<RandomForest>(p); },
       [](const nlohmann::json& j) { return std::make_unique<RandomForest>(RandomForest::from_json(j)); }},
      {"hist_gbdt", "Gradient boosting (histogram)",
       "Small trees added one after another, each correcting the errors of the ensemble so far (as XGBoost "
       "and LightGBM), one per class per round for a multi-class target. Splits are searched on 255 quantile "
       "bins per feature. Usually the most accurate on tables; watch the validation curve for overfitting.",
       {Task::Binary, Task::Multiclass, Task::Regression}, &HistGBDT::param_specs,
       [](const nlohmann::json& p) { return std::make_unique<HistGBDT>(p); },
       [](const nlohmann::json& j) { return std::make_unique<HistGBDT>(HistGBDT::from_json(j)); }},
  };
  return all;
}

const LearnerInfo& learner_info(const std::string& algo) {
  for (const auto& l : learners())
    if (l.algo == algo) return l;
  std::string list;
  for (const auto& l : learners()) list += (list.empty() ? "" : ", ") + l.algo;
  throw std::invalid_argument("unknown algorithm '" + algo + "'; available: " + list);
}

std::vector<std::string> known_algos() {
  std::vector<std::string> out;
  for (const auto& l : learners()) out.push_back(l.algo);
  return out;
}

const std::vector<ParamSpec>& param_specs_for(const std::string& algo) { return learner_info(algo).params(); }

std::unique_ptr<Learner> make_learner(const std::string& algo, const nlohmann::json& given_params) {
  const LearnerInfo& info = learner_info(algo);
  return info.make(resolve_params(info.params(), given_params));
}

std::unique_ptr<Learner> learner_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("algo") || !j["algo"].is_string())
    throw std::invalid_argument("a model document needs an \"algo\" field");
  return learner_info(j["algo"].get<std::string>()).load(j);
}

}  // namespace lab
