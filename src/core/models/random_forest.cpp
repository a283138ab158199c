#include "core/models/random_forest.hpp"

#include <numeric>
#include <stdexcept>

#include "core/models/tree_cart_builder.hpp"
#include "core/models/tree_learner_common.hpp"

namespace lab {

namespace {
constexpr size_t kVisitsPerDraw = 4;  // a random draw and a count
}  // namespace

const ParamTable<RandomForestParams>& RandomForest::params_table() {
  using P = RandomForestParams;
  static const ParamTable<P> table =
      ParamTable<P>()
          .integer("n_estimators", &P::n_estimators, 100, 1, 1000,
                   "Number of trees. More trees give steadier predictions and never overfit by themselves, but "
                   "train and predict proportionally slower. Each tree is one step on the live curve.",
                   true)
          .include(&P::split, tree_split_params_table())
          .help("max_depth",
                "Deepest level each tree may grow to; 0 = no limit (the usual choice for forests: averaging many "
                "deep trees cancels their individual overfitting).")
          .help("min_samples_leaf",
                "Every leaf keeps at least this many (bootstrap) rows; larger values give smoother, smaller trees.")
          .choice("max_features", &P::max_features, "auto", {"auto", "sqrt", "log2", "all"},
                  "Features tried at each split. auto = sqrt of the feature count for classification and all "
                  "features for regression (scikit-learn's defaults). Fewer features make the trees more "
                  "different from each other, which is what makes the average strong.")
          .choice("bootstrap", &P::bootstrap, "true", {"true", "false"},
                  "Grow each tree on a bootstrap sample (rows drawn with replacement). false = every tree sees all "
                  "rows and differs only through the random feature choice.")
          .tune("n_estimators", 20, 300)
          .tune("max_features")
          .tune("min_samples_leaf", 1, 20);
  return table;
}

RandomForest::RandomForest(const nlohmann::json& p) : p_(params_table().read(p)) {}

void RandomForest::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                         const std::vector<double>& y_val, const TaskInfo& task) {
  check_tree_training_data("random forest", X, y, X_val, y_val, task);
  criterion_for(p_.split.criterion, task.task);  // validates
  task_ = task;
  n_features_ = X.cols;
  X_ = &X; y_ = &y; X_val_ = &X_val; y_val_ = &y_val;
  rng_ = std::make_unique<Rng>(task.seed);
  binning_.start(X);  // in the first step's parts: a feature per part at a million rows
  grower_.reset();
  stage_ = Stage::Bin;
  trees_.clear();
  train_sum_.assign(X.rows * n_outputs(), 0.0);
  val_sum_.assign(X_val.rows * n_outputs(), 0.0);
  done_ = false;
}

StepReport RandomForest::step() {
  for (;;)
    if (std::optional<StepReport> r = step_part()) return *r;
}

// One tree per step, in parts of about kTreeWorkPerPart row visits: bin the features (before the
// first tree), draw the bootstrap rows, grow the tree, add its predictions to the running sums,
// score. The parts run the work of the whole step in the same order, so the forest is the same.
std::optional<StepReport> RandomForest::step_part() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted random forest");
  const size_t n = X_->rows;
  size_t spent = 0;
  while (spent < kTreeWorkPerPart) {
    switch (stage_) {
      case Stage::Bin:
        if (!binning_.done()) {
          spent += binning_.bin_next();
          break;
        }
        stage_ = Stage::Bootstrap;
        break;
      case Stage::Bootstrap: {
        std::vector<uint32_t> rows;
        if (p_.bootstrap == "true") {
          // n draws with replacement, a run of them per part (the same draws in the same order),
          // listed in ascending order (counting sort) for cache-friendly scans.
          if (draws_.done()) draws_.start(n, kVisitsPerDraw), draw_counts_.assign(n, 0);
          const RowRange r = draws_.next(kTreeWorkPerPart - spent);
          for (size_t i = r.from; i < r.to; ++i) ++draw_counts_[size_t(rng_->below(n))];
          spent += draws_.visits(r);
          if (!draws_.done()) break;
          rows.resize(n);
          size_t k = 0;
          for (uint32_t row = 0; row < n; ++row)
            for (uint32_t c = 0; c < draw_counts_[row]; ++c) rows[k++] = row;
          draw_counts_ = {};
          spent += n;
        } else {
          rows.resize(n);
          std::iota(rows.begin(), rows.end(), 0u);
        }
        const CartData data{&binning_.binner(), binning_.bins().data(), n, X_->cols, task_.task, task_.n_classes, y_};
        grower_.emplace(data, cart_params(p_.split, p_.max_features, X_->cols, task_.task), std::move(rows), *rng_);
        stage_ = Stage::Grow;
        break;
      }
      case Stage::Grow:
        if (grower_->grow(kTreeWorkPerPart - spent)) {
          trees_.push_back(grower_->take());
          grower_.reset();
          predicting_.start(trees_.back(), *X_, train_sum_.data());
          stage_ = Stage::PredictTrain;
        }
        spent = kTreeWorkPerPart;  // grow() used what was left
        break;
      case Stage::PredictTrain:
        if (!predicting_.done()) {
          spent += predicting_.add_next(kTreeWorkPerPart - spent);
          break;
        }
        predicting_.start(trees_.back(), *X_val_, val_sum_.data());
        stage_ = Stage::PredictValidation;
        break;
      case Stage::PredictValidation:
        if (!predicting_.done()) {
          spent += predicting_.add_next(kTreeWorkPerPart - spent);
          break;
        }
        stage_ = Stage::Bootstrap;
        return finish_tree();
    }
  }
  return std::nullopt;
}

StepReport RandomForest::finish_tree() {
  const double scale = 1.0 / double(trees_.size());
  StepReport r;
  r.step = int(trees_.size());
  r.train_loss = mean_tree_loss(task_.task, *y_, train_sum_, n_outputs(), scale);
  r.val_loss = X_val_->rows ? mean_tree_loss(task_.task, *y_val_, val_sum_, n_outputs(), scale) : r.train_loss;
  if (int(trees_.size()) >= p_.n_estimators) {
    done_ = true;
    binning_.release_bins();  // training buffers are not needed any more
    train_sum_ = {};
    val_sum_ = {};
  }
  return r;
}

double RandomForest::progress() const { return done_ ? 1.0 : double(trees_.size()) / double(p_.n_estimators); }

DenseMatrix RandomForest::predict(const DenseMatrix& X) const {
  if (trees_.empty()) throw std::logic_error("predict() called before the random forest has any tree");
  check_feature_count("random forest", n_features_, X);
  const size_t k = n_outputs();
  std::vector<double> sum(X.rows * k, 0.0);
  for (const auto& t : trees_) t.add_predictions(X.data.data(), X.rows, X.cols, 1.0, sum.data());
  const double scale = 1.0 / double(trees_.size());
  for (double& v : sum) v *= scale;
  return tree_output(task_.task, std::move(sum), X.rows, k);
}

nlohmann::json RandomForest::to_json() const {
  nlohmann::json j = to_json_without_list();
  for (const auto& t : trees_) j["trees"].push_back(t.to_json());
  return j;
}

nlohmann::json RandomForest::to_json_without_list() const {
  return {{"algo", algo()},   {"params", params_table().write(p_)},        {"task", to_string(task_.task)},
          {"n_classes", task_.n_classes}, {"n_features", n_features_}, {"trees", nlohmann::json::array()}};
}

RandomForest RandomForest::from_json(const nlohmann::json& j) {
  RandomForest m(j.at("params"));
  m.task_.task = task_from_string(j.at("task").get<std::string>());
  m.task_.n_classes = j.at("n_classes").get<int>();
  m.n_features_ = j.at("n_features").get<size_t>();
  for (const auto& t : j.at("trees")) {
    m.trees_.push_back(FlatTree::from_json(t));
    if (m.trees_.back().features_needed() > int(m.n_features_) || size_t(m.trees_.back().n_outputs()) != m.n_outputs())
      throw std::invalid_argument("random forest model document: a tree does not match the model's features or classes");
  }
  if (m.trees_.empty()) throw std::invalid_argument("random forest model document has no trees");
  m.done_ = true;
  return m;
}

}  // namespace lab
