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

const ParamTable<HistGbdtParams>& HistGBDT::params_table() {
  using P = HistGbdtParams;
  static const ParamTable<P> table =
      ParamTable<P>()
          .integer("n_estimators", &P::n_estimators, 100, 1, 5000,
                   "Number of boosting rounds (trees; one per class per round for a multi-class target). Each "
                   "round corrects the errors of the ones before it; too many overfit unless the learning rate is "
                   "small or early stopping is on. One round per step.",
                   true)
          .real("learning_rate", &P::learning_rate, 0.3, 0.001, 1.0,
                "Shrinkage: each tree's contribution is multiplied by this. Smaller values need more trees but "
                "usually generalise better (0.05-0.3 is typical).",
                true)
          .integer("max_depth", &P::max_depth, 6, 0, 20,
                   "Deepest level of each tree (XGBoost's default is 6). 0 = no depth limit; then max_leaves must "
                   "be set.")
          .integer("max_leaves", &P::max_leaves, 0, 0, 4096,
                   "Most leaves per tree; 0 = no limit. When set, trees grow best-gain-first (like LightGBM) "
                   "instead of level by level.")
          .real("min_child_weight", &P::min_child_weight, 1.0, 0.0, 1000.0,
                "Each child of a split needs at least this much hessian (for log loss p(1-p) per row, for k "
                "classes 2p(1-p) per row in each class's tree, for squared error 1 per row). Larger values make "
                "more conservative trees.")
          .real("reg_lambda", &P::reg_lambda, 1.0, 0.0, 1000.0,
                "L2 regularisation on leaf values: shrinks each leaf towards zero. Larger = smoother model.")
          .real("subsample", &P::subsample, 1.0, 0.05, 1.0,
                "Fraction of training rows drawn (without replacement, seeded) for each tree. Below 1 adds "
                "randomness that often reduces overfitting.")
          .real("colsample", &P::colsample, 1.0, 0.05, 1.0, "Fraction of features each tree may use (seeded).")
          .integer("early_stopping_rounds", &P::early_stopping_rounds, 0, 0, 1000,
                   "Stop when the validation loss has not improved for this many rounds, and keep the trees up to "
                   "the best round. 0 = off (always train n_estimators rounds).")
          .real("validation_fraction", &P::validation_fraction, 0.1, 0.05, 0.5,
                "With early stopping on: the share of the training rows held out (seeded, stratified by class) "
                "to watch the validation loss on; the trees are fitted on the rest. The test rows never steer "
                "training. Unused when early_stopping_rounds is 0.")
          .tune("n_estimators", 30, 300)
          .tune("learning_rate", 0.01, 0.3)
          .tune("max_depth", 2, 10)
          .tune("min_child_weight", 0.1, 20)
          .tune("reg_lambda", 0.01, 10)
          .tune("subsample", 0.5, 1.0)
          .tune("colsample", 0.5, 1.0);
  return table;
}

HistGBDT::HistGBDT(const nlohmann::json& p) : p_(params_table().read(p)) {
  tree_params_.max_depth = p_.max_depth;
  tree_params_.max_leaves = p_.max_leaves;
  tree_params_.min_child_weight = p_.min_child_weight;
  tree_params_.reg_lambda = p_.reg_lambda;
  tree_params_.learning_rate = p_.learning_rate;
  if (tree_params_.max_depth == 0 && tree_params_.max_leaves == 0)
    throw std::invalid_argument("hist_gbdt: max_depth = 0 (no depth limit) needs max_leaves > 0, otherwise trees "
                                "would grow without bound; set one of them");
}

void HistGBDT::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                     const std::vector<double>& y_val, const TaskInfo& task) {
  check_tree_training_data("hist_gbdt", X, y, X_val, y_val, task);
  if (p_.early_stopping_rounds > 0 && X_val.rows == 0)
    throw std::invalid_argument("hist_gbdt: early_stopping_rounds needs validation rows to watch; hold out "
                                "validation_fraction of the training rows or set early_stopping_rounds to 0");
  task_ = task;
  n_out_ = task.task == Task::Multiclass ? size_t(task.n_classes) : 1;
  n_features_ = X.cols;
  X_ = &X; y_ = &y; X_val_ = &X_val; y_val_ = &y_val;
  rng_ = std::make_unique<Rng>(task.seed);
  binning_.start(X);  // in the first step's parts: a feature's edges, then its bins in runs of rows
  stage_ = Stage::Bin;
  grower_.reset();
  double mean = 0;
  for (double v : y) mean += v;
  mean /= double(y.size());
  if (task.task == Task::Binary) {
    const double p = std::min(1.0 - 1e-6, std::max(1e-6, mean));
    base_ = det::log(p / (1.0 - p));
  } else if (task.task == Task::Multiclass) {
    base_ = 0.0;  // one start shared by every class: the softmax begins uniform, as XGBoost's does
  } else {
    base_ = mean;
  }
  // Scores and gradients are class-major (class c's n values together), so each class's tree
  // reads and updates one contiguous array, exactly as the single-output case does.
  raw_train_.assign(X.rows * n_out_, base_);
  raw_val_.assign(X_val.rows * n_out_, base_);
  gh_.resize(X.rows * n_out_);
  trees_.clear();
  best_iter_ = 0;
  best_val_ = X_val.rows ? mean_loss(y_val, raw_val_) : 0;
  done_ = false;
}

namespace {
// Softmax cross-entropy of class-major scores raw (k x n): mean over rows of
// log(sum_c exp(z_c)) - z_y. With probs != nullptr, also writes the class probabilities there.
double softmax_loss(const std::vector<double>& y, const std::vector<double>& raw, size_t k, double* probs) {
  const size_t n = y.size();
  double sum = 0;
  std::vector<double> e(k);
  for (size_t i = 0; i < n; ++i) {
    double m = raw[i];
    for (size_t c = 1; c < k; ++c) m = std::max(m, raw[c * n + i]);
    double total = 0;
    for (size_t c = 0; c < k; ++c) total += e[c] = det::exp(raw[c * n + i] - m);
    sum += m + det::log(total) - raw[size_t(y[i]) * n + i];
    if (probs)
      for (size_t c = 0; c < k; ++c) probs[c * n + i] = e[c] / total;
  }
  return sum / double(n);
}
}  // namespace

void HistGBDT::add_loss(const std::vector<double>& y, const std::vector<double>& raw, size_t from, size_t to,
                        LossSum& acc, GradPair* gh) const {
  const size_t n = y.size();
  if (task_.task == Task::Multiclass) {
    // Softmax cross-entropy, log(sum_c exp(z_c)) - z_y per row; XGBoost's multi:softprob
    // gradients: g = p_c - [y = c], h = max(2 p_c (1 - p_c), 1e-16) per class.
    const size_t k = n_out_;
    std::vector<double> e(k);
    for (size_t i = from; i < to; ++i) {
      double m = raw[i];
      for (size_t c = 1; c < k; ++c) m = std::max(m, raw[c * n + i]);
      double total = 0;
      for (size_t c = 0; c < k; ++c) total += e[c] = det::exp(raw[c * n + i] - m);
      acc.sum += m + det::log(total) - raw[size_t(y[i]) * n + i];
      if (gh)
        for (size_t c = 0; c < k; ++c) {
          const double pc = e[c] / total;
          gh[c * n + i].g = pc - (size_t(y[i]) == c ? 1.0 : 0.0);
          gh[c * n + i].h = std::max(2.0 * pc * (1.0 - pc), 1e-16);
        }
    }
  } else if (task_.task == Task::Binary) {
    // One exp per row gives both the loss and the gradient:
    // e = exp(-|z|), p = sigmoid(z), -log p(y|z) = max(0, -/+z) + log(1 + e).
    for (size_t i = from; i < to; ++i) {
      const double z = raw[i];
      const double e = det::exp(z < 0 ? z : -z);
      const double margin = y[i] > 0.5 ? -z : z;
      acc.sum += margin > 0 ? margin : 0.0;
      acc.logs.add(1.0 + e);
      if (gh) {
        const double p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        gh[i].g = p - y[i];
        gh[i].h = std::max(p * (1.0 - p), 1e-16);
      }
    }
  } else {
    for (size_t i = from; i < to; ++i) {
      const double r = raw[i] - y[i];
      acc.sum += r * r;
      if (gh) gh[i] = {r, 1.0};
    }
  }
}

double HistGBDT::mean_of(LossSum& acc, size_t rows) const {
  const double sum = task_.task == Task::Binary ? acc.sum + acc.logs.total() : acc.sum;
  return sum / double(rows);
}

double HistGBDT::mean_loss(const std::vector<double>& y, const std::vector<double>& raw) const {
  LossSum acc;
  add_loss(y, raw, 0, y.size(), acc, nullptr);
  return mean_of(acc, y.size());
}

size_t HistGBDT::loss_visits_per_row() const { return (n_out_ + 1) * kVisitsPerTranscendental; }

void HistGBDT::start_loss_pass(Stage stage, size_t rows) {
  stage_ = stage;
  loss_ = {};
  pass_.start(rows, loss_visits_per_row());
}

StepReport HistGBDT::step() {
  for (;;)
    if (std::optional<StepReport> r = step_part()) return *r;
}

// One round in parts of about kWorkPerPart row visits: (before the first round: bin the
// features, lay the bins out by row too, and the first gradients) per class a tree's rows and
// features, its nodes, its predictions; then the loss and the next gradients, the validation
// loss. The parts do the round's work in the same order, and every sum over rows runs on from
// part to part, so the model is the one a round at once grows.
std::optional<StepReport> HistGBDT::step_part() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted hist_gbdt");
  const size_t n = X_->rows, d = X_->cols, nv = X_val_->rows;
  const bool all_rows = p_.subsample >= 1.0;
  size_t spent = 0;
  while (spent < kWorkPerPart) {
    switch (stage_) {
      case Stage::Bin:
        if (!binning_.done()) {
          spent += binning_.bin_next();
          break;
        }
        binner_ = binning_.binner();
        bin_columns_ = binning_.take_bins();
        bins_.resize(bin_columns_.size());
        stage_ = Stage::Transpose;
        pass_.start(n, d);
        break;
      case Stage::Transpose: {  // the same bins row by row (binning twice costs more)
        const RowRange r = pass_.next(kWorkPerPart - spent);
        for (size_t i = r.from; i < r.to; ++i)
          for (size_t f = 0; f < d; ++f) bins_[i * d + f] = bin_columns_[f * n + i];
        spent += r.size() * d;
        if (pass_.done()) {
          grower_ = std::make_unique<HistogramTreeGrower>(binner_, bins_.data(), bin_columns_.data(), n, d);
          start_loss_pass(Stage::Gradients, n);  // the first round's gradients
        }
        break;
      }
      case Stage::Gradients: {
        // The training loss of the ensemble so far, and the next round's gradients.
        const RowRange r = pass_.next(kWorkPerPart - spent);
        add_loss(*y_, raw_train_, r.from, r.to, loss_, gh_.data());
        spent += r.size() * loss_visits_per_row();
        if (!pass_.done()) break;
        round_train_loss_ = mean_of(loss_, n);
        if (trees_.empty()) {  // before the first round: only the gradients were wanted
          tree_class_ = 0;
          stage_ = Stage::Tree;
          break;
        }
        if (nv == 0) return finish_round(round_train_loss_, round_train_loss_);
        start_loss_pass(Stage::ValidationLoss, nv);
        break;
      }
      case Stage::Tree:
        start_tree();
        spent += all_rows ? n : 4 * n;  // the rows listed, or drawn
        stage_ = Stage::Grow;
        break;
      case Stage::Grow:
        if (grower_->grow_some(kWorkPerPart - spent)) {
          trees_.push_back(grower_->take());
          const size_t c = tree_class_;
          if (all_rows) {  // the grower added the tree's leaves to the training scores itself
            predicting_.start(trees_.back(), *X_val_, raw_val_.data() + c * nv);
            stage_ = Stage::PredictValidation;
          } else {
            predicting_.start(trees_.back(), *X_, raw_train_.data() + c * n);
            stage_ = Stage::PredictTrain;
          }
        }
        spent = kWorkPerPart;  // grow_some() used what was left
        break;
      case Stage::PredictTrain:
        if (!predicting_.done()) {
          spent += predicting_.add_next(kWorkPerPart - spent);
          break;
        }
        predicting_.start(trees_.back(), *X_val_, raw_val_.data() + tree_class_ * nv);
        stage_ = Stage::PredictValidation;
        break;
      case Stage::PredictValidation:
        if (!predicting_.done()) {
          spent += predicting_.add_next(kWorkPerPart - spent);
          break;
        }
        if (++tree_class_ < n_out_) stage_ = Stage::Tree;
        else start_loss_pass(Stage::Gradients, n);
        break;
      case Stage::ValidationLoss: {
        const RowRange r = pass_.next(kWorkPerPart - spent);
        add_loss(*y_val_, raw_val_, r.from, r.to, loss_, nullptr);
        spent += r.size() * loss_visits_per_row();
        if (pass_.done()) return finish_round(round_train_loss_, mean_of(loss_, nv));
        break;
      }
    }
  }
  return std::nullopt;
}

// One tree per class per round (one in all for binary and regression), all fitted to the
// gradients at the start of the round, as XGBoost's multi:softprob does.
void HistGBDT::start_tree() {
  const size_t n = X_->rows, d = X_->cols, c = tree_class_;
  const bool all_rows = p_.subsample >= 1.0;
  tree_rows_.clear();
  if (all_rows) {
    tree_rows_.resize(n);
    for (size_t i = 0; i < n; ++i) tree_rows_[i] = uint32_t(i);
  } else {
    tree_rows_ = sample_ascending(n, fraction_of(p_.subsample, n), *rng_);
  }
  tree_features_.clear();
  if (p_.colsample >= 1.0)
    for (size_t f = 0; f < d; ++f) tree_features_.push_back(int(f));
  else
    for (uint32_t f : sample_ascending(d, fraction_of(p_.colsample, d), *rng_)) tree_features_.push_back(int(f));
  double* raw_c = raw_train_.data() + c * n;
  grower_->start(gh_.data() + c * n, tree_rows_, tree_features_, tree_params_, all_rows ? raw_c : nullptr);
}

StepReport HistGBDT::finish_round(double train_loss, double val_loss) {
  StepReport r;
  r.step = rounds();
  r.train_loss = train_loss;
  r.val_loss = val_loss;
  if (X_val_->rows == 0 || r.val_loss < best_val_) {
    best_val_ = r.val_loss;
    best_iter_ = rounds();
  }
  const bool stalled = p_.early_stopping_rounds > 0 && X_val_->rows > 0 && rounds() - best_iter_ >= p_.early_stopping_rounds;
  if (stalled) trees_.resize(size_t(std::max(best_iter_, 1)) * n_out_);  // keep the best round's model
  if (stalled || rounds() >= p_.n_estimators) finish();
  tree_class_ = 0;
  stage_ = Stage::Tree;
  return r;
}

void HistGBDT::finish() {
  done_ = true;
  best_iter_ = rounds();
  grower_.reset();
  binning_.release_bins();
  bins_ = {};
  bin_columns_ = {};
  raw_train_ = {};
  raw_val_ = {};
  gh_ = {};
  tree_rows_ = {};
}

double HistGBDT::progress() const { return done_ ? 1.0 : double(rounds()) / double(p_.n_estimators); }

std::vector<double> HistGBDT::predict_raw(const DenseMatrix& X) const {
  check_feature_count("hist_gbdt", n_features_, X);
  std::vector<double> raw(X.rows * n_out_, base_);
  for (size_t t = 0; t < trees_.size(); ++t)  // tree t belongs to class t % n_out_
    trees_[t].add_predictions(X.data.data(), X.rows, X.cols, 1.0, raw.data() + (t % n_out_) * X.rows);
  return raw;
}

DenseMatrix HistGBDT::predict(const DenseMatrix& X) const {
  if (trees_.empty() && !done_) throw std::logic_error("predict() called before hist_gbdt has any tree");
  if (task_.task == Task::Multiclass) {
    const std::vector<double> raw = predict_raw(X);
    std::vector<double> y(X.rows, 0.0), probs(raw.size());
    softmax_loss(y, raw, n_out_, probs.data());
    DenseMatrix out(X.rows, n_out_);
    for (size_t i = 0; i < X.rows; ++i)
      for (size_t c = 0; c < n_out_; ++c) out.at(i, c) = probs[c * X.rows + i];
    return out;
  }
  DenseMatrix out(X.rows, 1);
  out.data = predict_raw(X);
  if (task_.task == Task::Binary)
    for (double& v : out.data) v = det::sigmoid(v);
  return out;
}

nlohmann::json HistGBDT::to_json() const {
  nlohmann::json trees = nlohmann::json::array();
  for (const auto& t : trees_) trees.push_back(t.to_json());
  nlohmann::json j = {{"algo", algo()},       {"params", params_table().write(p_)}, {"task", to_string(task_.task)},
                      {"n_features", n_features_}, {"base_score", base_}, {"trees", trees}};
  if (task_.task == Task::Multiclass) j["n_classes"] = n_out_;  // trees interleave by class: tree t is class t % n_classes
  return j;
}

HistGBDT HistGBDT::from_json(const nlohmann::json& j) {
  HistGBDT m(j.at("params"));
  m.task_.task = task_from_string(j.at("task").get<std::string>());
  if (m.task_.task == Task::Multiclass) {
    m.n_out_ = j.at("n_classes").get<size_t>();
    m.task_.n_classes = int(m.n_out_);
    if (m.n_out_ < 2) throw std::invalid_argument("hist_gbdt model document: a multiclass model needs n_classes >= 2");
  }
  m.n_features_ = j.at("n_features").get<size_t>();
  m.base_ = j.at("base_score").get<double>();
  for (const auto& t : j.at("trees")) {
    m.trees_.push_back(FlatTree::from_json(t));
    if (m.trees_.back().features_needed() > int(m.n_features_) || m.trees_.back().n_outputs() != 1)
      throw std::invalid_argument("hist_gbdt model document: a tree does not match the model's features");
  }
  if (m.trees_.size() % m.n_out_ != 0)
    throw std::invalid_argument("hist_gbdt model document: the tree count is not a multiple of n_classes");
  m.best_iter_ = m.rounds();
  m.done_ = true;
  return m;
}

}  // namespace lab
