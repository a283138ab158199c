#include "core/models/hist_gbdt.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/models/tree_learner_common.hpp"

namespace lab {

namespace {
// k of n indices, ascending, each subset equally likely (Knuth's selection sampling).
std::vector<uint32_t> sample_ascending(size_t n, size_t k, Rng& rng) {
  std::vector<uint32_t> out;
  out.reserve(k);
  for (size_t i = 0; i < n && out.size() < k; ++i)
    if (double(n - i) * rng.uniform() < double(k - out.size())) out.push_back(uint32_t(i));
  return out;
}
size_t fraction_of(double fraction, size_t n) {
  return std::max<size_t>(1, std::min(n, size_t(fraction * double(n) + 0.5)));
}
}  // namespace

const std::vector<ParamSpec>& HistGBDT::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"n_estimators", ParamSpec::Kind::Int, 100, "", 1, 5000, true, {},
       "Number of boosting rounds (trees). Each tree corrects the errors of the ones before it; too many "
       "overfit unless the learning rate is small or early stopping is on. One tree per step."},
      {"learning_rate", ParamSpec::Kind::Float, 0.3, "", 0.001, 1.0, true, {},
       "Shrinkage: each tree's contribution is multiplied by this. Smaller values need more trees but "
       "usually generalise better (0.05-0.3 is typical)."},
      {"max_depth", ParamSpec::Kind::Int, 6, "", 0, 20, false, {},
       "Deepest level of each tree (XGBoost's default is 6). 0 = no depth limit; then max_leaves must "
       "be set."},
      {"max_leaves", ParamSpec::Kind::Int, 0, "", 0, 4096, false, {},
       "Most leaves per tree; 0 = no limit. When set, trees grow best-gain-first (like LightGBM) instead "
       "of level by level."},
      {"min_child_weight", ParamSpec::Kind::Float, 1.0, "", 0.0, 1000.0, false, {},
       "Each child of a split needs at least this much hessian (for log loss p(1-p) per row, for squared "
       "error 1 per row). Larger values make more conservative trees."},
      {"reg_lambda", ParamSpec::Kind::Float, 1.0, "", 0.0, 1000.0, false, {},
       "L2 regularisation on leaf values: shrinks each leaf towards zero. Larger = smoother model."},
      {"subsample", ParamSpec::Kind::Float, 1.0, "", 0.05, 1.0, false, {},
       "Fraction of training rows drawn (without replacement, seeded) for each tree. Below 1 adds "
       "randomness that often reduces overfitting."},
      {"colsample", ParamSpec::Kind::Float, 1.0, "", 0.05, 1.0, false, {},
       "Fraction of features each tree may use (seeded)."},
      {"early_stopping_rounds", ParamSpec::Kind::Int, 0, "", 0, 1000, false, {},
       "Stop when the validation loss has not improved for this many trees, and keep the trees up to the "
       "best round. 0 = off (always train n_estimators trees)."},
      {"validation_fraction", ParamSpec::Kind::Float, 0.1, "", 0.05, 0.5, false, {},
       "With early stopping on: the share of the training rows held out (seeded, stratified by class) to "
       "watch the validation loss on; the trees are fitted on the rest. The test rows never steer training. "
       "Unused when early_stopping_rounds is 0."},
  };
  return specs;
}

HistGBDT::HistGBDT(const nlohmann::json& p) : params_(p) {
  tree_params_.max_depth = p.at("max_depth").get<int>();
  tree_params_.max_leaves = p.at("max_leaves").get<int>();
  tree_params_.min_child_weight = p.at("min_child_weight").get<double>();
  tree_params_.reg_lambda = p.at("reg_lambda").get<double>();
  tree_params_.learning_rate = p.at("learning_rate").get<double>();
  n_estimators_ = p.at("n_estimators").get<int>();
  early_stopping_rounds_ = p.at("early_stopping_rounds").get<int>();
  subsample_ = p.at("subsample").get<double>();
  colsample_ = p.at("colsample").get<double>();
  validation_fraction_ = p.value("validation_fraction", 0.1);  // absent in models saved before it existed
  if (tree_params_.max_depth == 0 && tree_params_.max_leaves == 0)
    throw std::invalid_argument("hist_gbdt: max_depth = 0 (no depth limit) needs max_leaves > 0, otherwise trees "
                                "would grow without bound; set one of them");
}

void HistGBDT::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                     const std::vector<double>& y_val, const TaskInfo& task) {
  if (task.task == Task::Multiclass)
    throw std::invalid_argument("hist_gbdt handles binary classification and regression; for " +
                                std::to_string(task.n_classes) +
                                " classes use random_forest or decision_tree");
  check_tree_training_data("hist_gbdt", X, y, X_val, y_val, task);
  if (early_stopping_rounds_ > 0 && X_val.rows == 0)
    throw std::invalid_argument("hist_gbdt: early_stopping_rounds needs validation rows to watch; hold out "
                                "validation_fraction of the training rows or set early_stopping_rounds to 0");
  task_ = task;
  n_features_ = X.cols;
  X_ = &X; y_ = &y; X_val_ = &X_val; y_val_ = &y_val;
  rng_ = std::make_unique<Rng>(task.seed);
  binner_ = FeatureBinner::fit(X);
  bins_ = binner_.bin_rows(X);
  bin_columns_.resize(bins_.size());  // the same bins transposed (binning twice costs more)
  for (size_t i = 0; i < X.rows; ++i)
    for (size_t f = 0; f < X.cols; ++f) bin_columns_[f * X.rows + i] = bins_[i * X.cols + f];
  grower_ = std::make_unique<HistogramTreeGrower>(binner_, bins_.data(), bin_columns_.data(), X.rows, X.cols);
  double mean = 0;
  for (double v : y) mean += v;
  mean /= double(y.size());
  if (task.task == Task::Binary) {
    const double p = std::min(1.0 - 1e-6, std::max(1e-6, mean));
    base_ = det::log(p / (1.0 - p));
  } else {
    base_ = mean;
  }
  raw_train_.assign(X.rows, base_);
  raw_val_.assign(X_val.rows, base_);
  gh_.resize(X.rows);
  trees_.clear();
  best_iter_ = 0;
  best_val_ = X_val.rows ? mean_loss(y_val, raw_val_) : 0;
  done_ = false;
}

double HistGBDT::mean_loss(const std::vector<double>& y, const std::vector<double>& raw) const {
  double sum = 0;
  if (task_.task == Task::Binary) {
    // -log p(y | z) = max(0, m) + log(1 + exp(-|z|)), m = -z for y = 1 and z for y = 0
    LogSum logs;
    for (size_t i = 0; i < y.size(); ++i) {
      const double z = raw[i], m = y[i] > 0.5 ? -z : z;
      sum += m > 0 ? m : 0.0;
      logs.add(1.0 + det::exp(z < 0 ? z : -z));
    }
    sum += logs.total();
  } else {
    for (size_t i = 0; i < y.size(); ++i) {
      const double e = raw[i] - y[i];
      sum += e * e;
    }
  }
  return sum / double(y.size());
}

double HistGBDT::train_loss_and_gradients() {
  const size_t n = raw_train_.size();
  const auto& y = *y_;
  double sum = 0;
  if (task_.task == Task::Binary) {
    // One exp per row gives both the loss and the gradient:
    // e = exp(-|z|), p = sigmoid(z), -log p(y|z) = max(0, -/+z) + log(1 + e).
    LogSum logs;
    for (size_t i = 0; i < n; ++i) {
      const double z = raw_train_[i];
      const double e = det::exp(z < 0 ? z : -z);
      const double p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      const bool pos = y[i] > 0.5;
      const double margin = pos ? -z : z;
      sum += margin > 0 ? margin : 0.0;
      logs.add(1.0 + e);
      gh_[i].g = p - y[i];
      gh_[i].h = std::max(p * (1.0 - p), 1e-16);
    }
    sum += logs.total();
  } else {
    for (size_t i = 0; i < n; ++i) {
      const double r = raw_train_[i] - y[i];
      sum += r * r;
      gh_[i] = {r, 1.0};
    }
  }
  return sum / double(n);
}

StepReport HistGBDT::step() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted hist_gbdt");
  const size_t n = X_->rows, d = X_->cols;
  if (trees_.empty()) train_loss_and_gradients();  // later rounds reuse the previous step's pass
  const bool all_rows = subsample_ >= 1.0;
  std::vector<uint32_t> rows;
  if (all_rows) {
    rows.resize(n);
    for (size_t i = 0; i < n; ++i) rows[i] = uint32_t(i);
  } else {
    rows = sample_ascending(n, fraction_of(subsample_, n), *rng_);
  }
  std::vector<int> features;
  if (colsample_ >= 1.0)
    for (size_t f = 0; f < d; ++f) features.push_back(int(f));
  else
    for (uint32_t f : sample_ascending(d, fraction_of(colsample_, d), *rng_)) features.push_back(int(f));
  trees_.push_back(grower_->grow(gh_.data(), rows, features, tree_params_, all_rows ? raw_train_.data() : nullptr));
  const FlatTree& t = trees_.back();
  if (!all_rows) t.add_predictions(X_->data.data(), n, d, 1.0, raw_train_.data());
  if (X_val_->rows) t.add_predictions(X_val_->data.data(), X_val_->rows, d, 1.0, raw_val_.data());

  StepReport r;
  r.step = int(trees_.size());
  r.train_loss = train_loss_and_gradients();  // also prepares the next tree's gradients
  r.val_loss = X_val_->rows ? mean_loss(*y_val_, raw_val_) : r.train_loss;
  if (X_val_->rows == 0 || r.val_loss < best_val_) {
    best_val_ = r.val_loss;
    best_iter_ = int(trees_.size());
  }
  const bool stalled = early_stopping_rounds_ > 0 && X_val_->rows > 0 &&
                       int(trees_.size()) - best_iter_ >= early_stopping_rounds_;
  if (stalled) trees_.resize(size_t(std::max(best_iter_, 1)));  // keep the best round's model
  if (stalled || int(trees_.size()) >= n_estimators_) finish();
  return r;
}

void HistGBDT::finish() {
  done_ = true;
  best_iter_ = int(trees_.size());
  grower_.reset();
  bins_ = {};
  bin_columns_ = {};
  raw_train_ = {};
  raw_val_ = {};
  gh_ = {};
}

double HistGBDT::progress() const { return done_ ? 1.0 : double(trees_.size()) / double(n_estimators_); }

std::vector<double> HistGBDT::predict_raw(const DenseMatrix& X) const {
  check_feature_count("hist_gbdt", n_features_, X);
  std::vector<double> raw(X.rows, base_);
  for (const auto& t : trees_) t.add_predictions(X.data.data(), X.rows, X.cols, 1.0, raw.data());
  return raw;
}

DenseMatrix HistGBDT::predict(const DenseMatrix& X) const {
  if (trees_.empty() && !done_) throw std::logic_error("predict() called before hist_gbdt has any tree");
  DenseMatrix out(X.rows, 1);
  out.data = predict_raw(X);
  if (task_.task == Task::Binary)
    for (double& v : out.data) v = det::sigmoid(v);
  return out;
}

nlohmann::json HistGBDT::to_json() const {
  nlohmann::json trees = nlohmann::json::array();
  for (const auto& t : trees_) trees.push_back(t.to_json());
  return {{"algo", algo()},       {"params", params_}, {"task", to_string(task_.task)},
          {"n_features", n_features_}, {"base_score", base_}, {"trees", trees}};
}

HistGBDT HistGBDT::from_json(const nlohmann::json& j) {
  HistGBDT m(j.at("params"));
  m.task_.task = task_from_string(j.at("task").get<std::string>());
  if (m.task_.task == Task::Multiclass) throw std::invalid_argument("hist_gbdt model document has a multiclass task");
  m.n_features_ = j.at("n_features").get<size_t>();
  m.base_ = j.at("base_score").get<double>();
  for (const auto& t : j.at("trees")) {
    m.trees_.push_back(FlatTree::from_json(t));
    if (m.trees_.back().features_needed() > int(m.n_features_) || m.trees_.back().n_outputs() != 1)
      throw std::invalid_argument("hist_gbdt model document: a tree does not match the model's features");
  }
  m.best_iter_ = int(m.trees_.size());
  m.done_ = true;
  return m;
}

}  // namespace lab
