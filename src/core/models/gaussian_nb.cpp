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
}

StepReport GaussianNaiveBayes::step() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted learner");
  const DenseMatrix& X = *X_;
  const auto& y = *y_;
  std::vector<double> count(k_, 0.0);
  theta_.assign(k_ * d_, 0.0);
  var_.assign(k_ * d_, 0.0);
  for (size_t i = 0; i < X.rows; ++i) {
    size_t c = size_t(y[i]);
    count[c] += 1;
    const double* x = X.row(i);
    for (size_t j = 0; j < d_; ++j) theta_[c * d_ + j] += x[j];
  }
  for (size_t c = 0; c < k_; ++c) {
    if (count[c] == 0)
      throw std::invalid_argument("class " + std::to_string(c) + " has no training rows; naive Bayes needs every "
                                  "class in the training part (use a stratified split)");
    for (size_t j = 0; j < d_; ++j) theta_[c * d_ + j] /= count[c];
  }
  // Two passes (mean, then squared deviations) keep the variance accurate.
  for (size_t i = 0; i < X.rows; ++i) {
    size_t c = size_t(y[i]);
    const double* x = X.row(i);
    for (size_t j = 0; j < d_; ++j) {
      double e = x[j] - theta_[c * d_ + j];
      var_[c * d_ + j] += e * e;
    }
  }
  for (size_t c = 0; c < k_; ++c)
    for (size_t j = 0; j < d_; ++j) var_[c * d_ + j] /= count[c];
  // epsilon = var_smoothing * largest variance of a feature over all rows.
  double max_var = 0;
  for (size_t j = 0; j < d_; ++j) {
    double mean = 0, ss = 0;
    for (size_t i = 0; i < X.rows; ++i) mean += X.at(i, j);
    mean /= double(X.rows);
    for (size_t i = 0; i < X.rows; ++i) ss += (X.at(i, j) - mean) * (X.at(i, j) - mean);
    max_var = std::max(max_var, ss / double(X.rows));
  }
  const double eps = p_.var_smoothing * max_var;
  for (double& v : var_) {
    v += eps;
    if (!(v > 0))
      throw std::invalid_argument("a feature is constant within a class and var_smoothing adds nothing; "
                                  "raise var_smoothing or drop constant features");
  }
  log_prior_.resize(k_);
  for (size_t c = 0; c < k_; ++c) log_prior_[c] = det::log(count[c] / double(X.rows));
  done_ = true;
  StepReport r;
  r.step = 1;
  r.train_loss = mean_log_loss(X, y);
  r.val_loss = X_val_->rows ? mean_log_loss(*X_val_, *y_val_) : r.train_loss;
  return r;
}

DenseMatrix GaussianNaiveBayes::probabilities(const DenseMatrix& X) const {
  check_feature_count(X, d_);
  // Per class: log prior - 0.5 * sum_j log(2 pi var) - 0.5 * sum_j (x - mean)^2 / var.
  std::vector<double> norm(k_, 0.0);
  for (size_t c = 0; c < k_; ++c)
    for (size_t j = 0; j < d_; ++j) norm[c] += det::log(kTwoPi * var_[c * d_ + j]);
  DenseMatrix P(X.rows, k_);
  std::vector<double> jll(k_);
  for (size_t i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
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
    for (size_t c = 0; c < k_; ++c) P.at(i, c) = det::exp(jll[c] - log_norm);
  }
  return P;
}

DenseMatrix GaussianNaiveBayes::predict(const DenseMatrix& X) const {
  DenseMatrix P = probabilities(X);
  if (!binary_) return P;
  DenseMatrix out(X.rows, 1);
  for (size_t i = 0; i < X.rows; ++i) out.data[i] = P.at(i, 1);
  return out;
}

double GaussianNaiveBayes::mean_log_loss(const DenseMatrix& X, const std::vector<double>& y) const {
  DenseMatrix P = probabilities(X);
  double sum = 0;
  for (size_t i = 0; i < X.rows; ++i) sum -= det::log(std::min(1.0 - 1e-15, std::max(1e-15, P.at(i, size_t(y[i])))));
  return sum / double(X.rows);
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
