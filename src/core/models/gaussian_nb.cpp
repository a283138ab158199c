#include "core/models/gaussian_nb.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/models/learner_checks.hpp"

namespace lab {

namespace {
const double kTwoPi = 6.283185307179586;
}

const ParamTable<GaussianNbParams>& GaussianNaiveBayes::params_table() {
  static const ParamTable<GaussianNbParams> table = ParamTable<GaussianNbParams>().real(
      "var_smoothing", &GaussianNbParams::var_smoothing, 1e-9, 1e-12, 1.0,
      "Adds this share of the largest feature variance to every variance, as in scikit-learn. Keeps a feature "
      "that barely varies within a class from dominating; raise it if predictions are overconfident.",
      true)
          .tune("var_smoothing", 1e-12, 1e-3);
  return table;
}


GaussianNaiveBayes::GaussianNaiveBayes(const nlohmann::json& p) : p_(params_table().read(p)) {}

void GaussianNaiveBayes::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                               const std::vector<double>& y_val, const TaskInfo& task) {
  check_training_shape(X, y);
  k_ = size_t(check_class_labels(y, task, "Gaussian naive Bayes"));
  binary_ = task.task == Task::Binary;
  d_ = X.cols;
  X_ = &X; y_ = &y; X_val_ = &X_val; y_val_ = &y_val;
  done_ = false;
  count_.assign(k_, 0.0);
  theta_.assign(k_ * d_, 0.0);
  var_.assign(k_ * d_, 0.0);
  column_sum_.assign(d_, 0.0);
  column_ss_.assign(d_, 0.0);
  stage_ = Stage::Sums;
  pass_.start(X.rows, d_);
}

StepReport GaussianNaiveBayes::step() {
  for (;;)
    if (std::optional<StepReport> r = step_part()) return *r;
}

// Every sum runs over the rows in ascending order, each part going on where the last stopped,
// so the model and the losses are those of one pass each over all rows.
std::optional<StepReport> GaussianNaiveBayes::step_part() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted learner");
  const DenseMatrix& X = *X_;
  const auto& y = *y_;
  switch (stage_) {
    case Stage::Sums: {
      // Per class: the row count and the feature sums (the means); per feature: the sum over all
      // rows (the mean the smoothing's largest variance is taken around).
      const RowRange r = pass_.next();
      for (size_t i = r.from; i < r.to; ++i) {
        size_t c = size_t(y[i]);
        count_[c] += 1;
        const double* x = X.row(i);
        for (size_t j = 0; j < d_; ++j) theta_[c * d_ + j] += x[j];
        for (size_t j = 0; j < d_; ++j) column_sum_[j] += x[j];
      }
      if (pass_.done()) finish_means();
      return std::nullopt;
    }
    case Stage::Deviations: {
      // Two passes (mean, then squared deviations) keep the variance accurate.
      const RowRange r = pass_.next();
      for (size_t i = r.from; i < r.to; ++i) {
        size_t c = size_t(y[i]);
        const double* x = X.row(i);
        for (size_t j = 0; j < d_; ++j) {
          double e = x[j] - theta_[c * d_ + j];
          var_[c * d_ + j] += e * e;
        }
        for (size_t j = 0; j < d_; ++j) {
          const double e = x[j] - column_sum_[j];  // column_sum_ holds the means by now
          column_ss_[j] += e * e;
        }
      }
      if (pass_.done()) finish_variances();
      return std::nullopt;
    }
    case Stage::TrainLoss:
    case Stage::ValLoss: {
      const bool train = stage_ == Stage::TrainLoss;
      const DenseMatrix& Xs = train ? X : *X_val_;
      const std::vector<double>& ys = train ? y : *y_val_;
      const RowRange r = pass_.next();
      std::vector<double> jll(k_), p(k_);
      for (size_t i = r.from; i < r.to; ++i) {
        row_probabilities(Xs.row(i), norm_, jll.data(), p.data());
        loss_sum_ -= det::log(std::min(1.0 - 1e-15, std::max(1e-15, p[size_t(ys[i])])));
      }
      if (!pass_.done()) return std::nullopt;
      const double mean = loss_sum_ / double(Xs.rows);
      loss_sum_ = 0;
      if (train) {
        train_loss_ = mean;
        if (X_val_->rows) {
          stage_ = Stage::ValLoss;
          pass_.start(X_val_->rows, k_ * (d_ + kVisitsPerTranscendental) + kVisitsPerTranscendental);
          return std::nullopt;
        }
      }
      done_ = true;
      count_ = column_sum_ = column_ss_ = norm_ = {};
      StepReport rep;
      rep.step = 1;
      rep.train_loss = train_loss_;
      rep.val_loss = train ? train_loss_ : mean;
      return rep;
    }
  }
  return std::nullopt;
}

void GaussianNaiveBayes::finish_means() {
  for (size_t c = 0; c < k_; ++c) {
    if (count_[c] == 0)
      throw std::invalid_argument("class " + std::to_string(c) + " has no training rows; naive Bayes needs every "
                                  "class in the training part (use a stratified split)");
    for (size_t j = 0; j < d_; ++j) theta_[c * d_ + j] /= count_[c];
  }
  for (double& m : column_sum_) m /= double(X_->rows);
  stage_ = Stage::Deviations;
  pass_.start(X_->rows, 2 * d_);
}

void GaussianNaiveBayes::finish_variances() {
  for (size_t c = 0; c < k_; ++c)
    for (size_t j = 0; j < d_; ++j) var_[c * d_ + j] /= count_[c];
  // epsilon = var_smoothing * largest variance of a feature over all rows.
  double max_var = 0;
  for (size_t j = 0; j < d_; ++j) max_var = std::max(max_var, column_ss_[j] / double(X_->rows));
  const double eps = p_.var_smoothing * max_var;
  for (double& v : var_) {
    v += eps;
    if (!(v > 0))
      throw std::invalid_argument("a feature is constant within a class and var_smoothing adds nothing; "
                                  "raise var_smoothing or drop constant features");
  }
  log_prior_.resize(k_);
  for (size_t c = 0; c < k_; ++c) log_prior_[c] = det::log(count_[c] / double(X_->rows));
  norm_ = log_norms();
  loss_sum_ = 0;
  stage_ = Stage::TrainLoss;
  pass_.start(X_->rows, k_ * (d_ + kVisitsPerTranscendental) + kVisitsPerTranscendental);
}

std::vector<double> GaussianNaiveBayes::log_norms() const {
  std::vector<double> norm(k_, 0.0);
  for (size_t c = 0; c < k_; ++c)
    for (size_t j = 0; j < d_; ++j) norm[c] += det::log(kTwoPi * var_[c * d_ + j]);
  return norm;
}

// Per class: log prior - 0.5 * sum_j log(2 pi var) - 0.5 * sum_j (x - mean)^2 / var, normalised.
void GaussianNaiveBayes::row_probabilities(const double* x, const std::vector<double>& norm, double* jll,
                                           double* p) const {
  double top = 0;
  for (size_t c = 0; c < k_; ++c) {
    double q = 0;
    for (size_t j = 0; j < d_; ++j) {
      double e = x[j] - theta_[c * d_ + j];
      q += e * e / var_[c * d_ + j];
    }
    jll[c] = log_prior_[c] - 0.5 * norm[c] - 0.5 * q;
    top = c == 0 ? jll[c] : std::max(top, jll[c]);
  }
  double sum = 0;
  for (size_t c = 0; c < k_; ++c) sum += det::exp(jll[c] - top);
  double log_norm = top + det::log(sum);
  for (size_t c = 0; c < k_; ++c) p[c] = det::exp(jll[c] - log_norm);
}

DenseMatrix GaussianNaiveBayes::probabilities(const DenseMatrix& X) const {
  check_feature_count(X, d_);
  const std::vector<double> norm = log_norms();
  DenseMatrix P(X.rows, k_);
  std::vector<double> jll(k_);
  for (size_t i = 0; i < X.rows; ++i) row_probabilities(X.row(i), norm, jll.data(), P.row(i));
  return P;
}

DenseMatrix GaussianNaiveBayes::predict(const DenseMatrix& X) const {
  DenseMatrix P = probabilities(X);
  if (!binary_) return P;
  DenseMatrix out(X.rows, 1);
  for (size_t i = 0; i < X.rows; ++i) out.data[i] = P.at(i, 1);
  return out;
}

nlohmann::json GaussianNaiveBayes::to_json() const {
  return {{"algo", algo()}, {"params", params_table().write(p_)}, {"binary", binary_},
          {"n_classes", k_}, {"n_features", d_}, {"means", theta_}, {"variances", var_}, {"log_priors", log_prior_}};
}

GaussianNaiveBayes GaussianNaiveBayes::from_json(const nlohmann::json& j) {
  GaussianNaiveBayes m(j.at("params"));
  m.binary_ = j.at("binary").get<bool>();
  m.k_ = j.at("n_classes").get<size_t>();
  m.d_ = j.at("n_features").get<size_t>();
  m.theta_ = j.at("means").get<std::vector<double>>();
  m.var_ = j.at("variances").get<std::vector<double>>();
  m.log_prior_ = j.at("log_priors").get<std::vector<double>>();
  if (m.theta_.size() != m.k_ * m.d_ || m.var_.size() != m.k_ * m.d_ || m.log_prior_.size() != m.k_)
    throw std::invalid_argument("naive Bayes model: stored sizes disagree");
  m.done_ = true;
  return m;
}

}  // namespace lab
