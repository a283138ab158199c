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
                  "the feature count (seeded).")
          .tune("criterion")
          .tune("max_depth", 2, 16)
          .tune("min_samples_leaf", 1, 50);
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
  binning_.start(X);
  grower_.reset();
  rng_ = std::make_unique<Rng>(task.seed);
  train_out_.clear();
  val_out_.clear();
  predicting_train_ = false;
  done_ = false;
}

StepReport DecisionTree::step() {
  for (;;)
    if (std::optional<StepReport> r = step_part()) return *r;
}

// The one step in parts of about kTreeWorkPerPart row visits: bin the features one at a time,
// grow the tree, predict the training and validation rows in chunks, score.
std::optional<StepReport> DecisionTree::step_part() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted decision tree");
  size_t spent = 0;
  while (spent < kTreeWorkPerPart) {
    if (!binning_.done()) {
      spent += binning_.bin_next();
    } else if (!grower_ && train_out_.empty()) {
      const CartData data{&binning_.binner(), binning_.bins().data(), X_->rows, X_->cols, task_.task, task_.n_classes, y_};
      std::vector<uint32_t> rows(X_->rows);
      std::iota(rows.begin(), rows.end(), 0u);
      grower_.emplace(data, cart_params(p_.split, p_.max_features, X_->cols, task_.task), std::move(rows), *rng_);
      spent += X_->rows;
    } else if (grower_) {
      if (grower_->grow(kTreeWorkPerPart - spent)) {
        tree_ = grower_->take();
        grower_.reset();
        binning_.release_bins();
        const size_t k = size_t(tree_.n_outputs());
        train_out_.assign(X_->rows * k, 0.0);
        val_out_.assign(X_val_->rows * k, 0.0);
        predicting_.start(tree_, *X_, train_out_.data());
        predicting_train_ = true;
      }
      spent = kTreeWorkPerPart;
    } else if (!predicting_.done()) {
      spent += predicting_.add_next(kTreeWorkPerPart - spent);
    } else if (predicting_train_) {
      predicting_.start(tree_, *X_val_, val_out_.data());
      predicting_train_ = false;
    } else {
      done_ = true;
      StepReport r;
      r.step = 1;
      const size_t k = size_t(tree_.n_outputs());
      r.train_loss = mean_tree_loss(task_.task, *y_, train_out_, k, 1.0);
      r.val_loss = X_val_->rows ? mean_tree_loss(task_.task, *y_val_, val_out_, k, 1.0) : r.train_loss;
      train_out_ = {};
      val_out_ = {};
      return r;
    }
  }
  return std::nullopt;
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
