#include "core/models/decision_tree.hpp"

#include <numeric>
#include <stdexcept>

#include "core/models/tree_cart_builder.hpp"
#include "core/models/tree_learner_common.hpp"

namespace lab {

const ParamTable<DecisionTreeParams>& DecisionTree::params_table() {
  using P = DecisionTreeParams;
  static const ParamTable<P> table =
      ParamTable<P>()
          .include(&P::split, tree_split_params_table())
          .choice("max_features", &P::max_features, "all", {"all", "sqrt", "log2"},
                  "How many features each split may look at: all of them, or a random subset of sqrt/log2 of "
                  "the feature count (seeded).");
  return table;
}

DecisionTree::DecisionTree(const nlohmann::json& p) : p_(params_table().read(p)) {}

void DecisionTree::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                         const std::vector<double>& y_val, const TaskInfo& task) {
  check_tree_training_data("decision tree", X, y, X_val, y_val, task);
  criterion_for(p_.split.criterion, task.task);  // validates
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
  const CartParams cp = cart_params(p_.split, p_.max_features, X_->cols, task_.task);
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
  return {{"algo", algo()},       {"params", params_table().write(p_)},         {"task", to_string(task_.task)},
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
