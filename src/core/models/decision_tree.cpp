#include "core/models/decision_tree.hpp"

#include <numeric>
#include <stdexcept>

#include "core/models/tree_cart_builder.hpp"
#include "core/models/tree_learner_common.hpp"

namespace lab {

const std::vector<ParamSpec>& DecisionTree::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"criterion", ParamSpec::Kind::Choice, 0, "gini", 0, 0, false, {"gini", "entropy"},
       "How a split is judged for classification: gini impurity or entropy (information gain). They "
       "rarely differ much. Regression always uses squared error."},
      {"max_depth", ParamSpec::Kind::Int, 0, "", 0, 100, false, {},
       "Deepest level the tree may grow to; 0 = no limit. A shallow tree (3-5) is easy to read but may "
       "underfit; an unlimited tree memorises the training data."},
      {"min_samples_split", ParamSpec::Kind::Int, 2, "", 2, 100000, true, {},
       "A node with fewer training rows than this is not split further."},
      {"min_samples_leaf", ParamSpec::Kind::Int, 1, "", 1, 100000, true, {},
       "Every leaf keeps at least this many training rows. Raise it (e.g. 5-20) to smooth the tree and "
       "reduce overfitting."},
      {"max_features", ParamSpec::Kind::Choice, 0, "all", 0, 0, false, {"all", "sqrt", "log2"},
       "How many features each split may look at: all of them, or a random subset of sqrt/log2 of the "
       "feature count (seeded)."},
  };
  return specs;
}

DecisionTree::DecisionTree(const nlohmann::json& p) : params_(p) {}

void DecisionTree::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                         const std::vector<double>& y_val, const TaskInfo& task) {
  check_tree_training_data("decision tree", X, y, X_val, y_val, task);
  criterion_for(params_.at("criterion").get<std::string>(), task.task);  // validates
  task_ = task;
  n_features_ = X.cols;
  X_ = &X; y_ = &y; X_val_ = &X_val; y_val_ = &y_val;
  done_ = false;
}

StepReport DecisionTree::step() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted decision tree");
  FeatureBinner binner = FeatureBinner::fit(*X_);
  std::vector<uint8_t> bins = binner.bin_columns(*X_);
  CartData data{&binner, bins.data(), X_->rows, X_->cols, task_.task, task_.n_classes, y_};
  CartParams cp;
  cp.criterion = criterion_for(params_.at("criterion").get<std::string>(), task_.task);
  cp.max_depth = params_.at("max_depth").get<int>();
  cp.min_samples_split = params_.at("min_samples_split").get<int>();
  cp.min_samples_leaf = params_.at("min_samples_leaf").get<int>();
  cp.max_features = resolve_max_features(params_.at("max_features").get<std::string>(), X_->cols, task_.task);
  std::vector<uint32_t> rows(X_->rows);
  std::iota(rows.begin(), rows.end(), 0u);
  Rng rng(task_.seed);
  tree_ = grow_cart_tree(data, cp, std::move(rows), rng);
  done_ = true;

  StepReport r;
  r.step = 1;
  const size_t k = size_t(tree_.n_outputs());
  r.train_loss = mean_tree_loss(task_.task, *y_, raw_predict(*X_), k, 1.0);
  r.val_loss = X_val_->rows ? mean_tree_loss(task_.task, *y_val_, raw_predict(*X_val_), k, 1.0) : r.train_loss;
  return r;
}

std::vector<double> DecisionTree::raw_predict(const DenseMatrix& X) const {
  check_feature_count("decision tree", n_features_, X);
  std::vector<double> out(X.rows * size_t(tree_.n_outputs()), 0.0);
  tree_.add_predictions(X.data.data(), X.rows, X.cols, 1.0, out.data());
  return out;
}

DenseMatrix DecisionTree::predict(const DenseMatrix& X) const {
  if (!done_) throw std::logic_error("predict() called before the decision tree was trained");
  return tree_output(task_.task, raw_predict(X), X.rows, size_t(tree_.n_outputs()));
}

nlohmann::json DecisionTree::to_json() const {
  return {{"algo", algo()},       {"params", params_},         {"task", to_string(task_.task)},
          {"n_classes", task_.n_classes}, {"n_features", n_features_}, {"tree", tree_.to_json()}};
}

DecisionTree DecisionTree::from_json(const nlohmann::json& j) {
  DecisionTree m(j.at("params"));
  m.task_.task = task_from_string(j.at("task").get<std::string>());
  m.task_.n_classes = j.at("n_classes").get<int>();
  m.n_features_ = j.at("n_features").get<size_t>();
  m.tree_ = FlatTree::from_json(j.at("tree"));
  if (m.tree_.features_needed() > int(m.n_features_))
    throw std::invalid_argument("decision tree model document uses a feature beyond its n_features");
  m.done_ = true;
  return m;
}

}  // namespace lab
