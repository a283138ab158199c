#include "core/models/ridge_regression.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/math/cholesky.hpp"

namespace lab {

const ParamTable<RidgeParams>& RidgeRegression::params_table() {
  static const ParamTable<RidgeParams> table = ParamTable<RidgeParams>().real(
      "alpha", &RidgeParams::alpha, 1.0, 0.0, 1e6,
      "Penalty on large coefficients, as in scikit-learn's Ridge. 0 = ordinary least squares; larger values "
      "shrink the coefficients towards zero, which helps when features are correlated or rows are few.")
          .tune("alpha", 1e-3, 1e3);
  return table;
}


RidgeRegression::RidgeRegression(const nlohmann::json& p) : p_(params_table().read(p)) {}

void RidgeRegression::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                            const std::vector<double>& y_val, const TaskInfo& task) {
  if (task.task != Task::Regression)
    throw std::invalid_argument("ridge regression predicts a number; for classes use logistic regression");
  if (X.rows == 0 || X.rows != y.size()) throw std::invalid_argument("training data is empty or misshapen");
  X_ = &X; y_ = &y; X_val_ = &X_val; y_val_ = &y_val;
  const size_t d = X.cols;
  x_mean_.assign(d, 0.0);
  y_mean_ = 0;
  for (size_t i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
    for (size_t j = 0; j < d; ++j) x_mean_[j] += x[j];
    y_mean_ += y[i];
  }
  for (double& m : x_mean_) m /= double(X.rows);
  y_mean_ /= double(X.rows);
  gram_.assign(d * d, 0.0);
  xty_.assign(d, 0.0);
  w_.assign(d, 0.0);
  b_ = y_mean_;  // the model before solving: predict the mean
  next_row_ = 0;
  done_ = false;
}

StepReport RidgeRegression::step() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted learner");
  const DenseMatrix& X = *X_;
  const size_t d = X.cols, end = std::min(X.rows, next_row_ + kRowsPerStep);
  std::vector<double> xc(d);
  for (size_t i = next_row_; i < end; ++i) {
    const double* x = X.row(i);
    for (size_t j = 0; j < d; ++j) xc[j] = x[j] - x_mean_[j];
    const double yc = (*y_)[i] - y_mean_;
    for (size_t a = 0; a < d; ++a) {
      xty_[a] += xc[a] * yc;
      double* g = gram_.data() + a * d;
      for (size_t c = 0; c <= a; ++c) g[c] += xc[a] * xc[c];  // lower triangle is all Cholesky reads
    }
  }
  next_row_ = end;
  if (next_row_ == X.rows) solve();
  StepReport r;
  r.step = int((next_row_ + kRowsPerStep - 1) / kRowsPerStep);
  r.train_loss = mean_squared_error(X, *y_);
  r.val_loss = X_val_->rows ? mean_squared_error(*X_val_, *y_val_) : r.train_loss;
  return r;
}

void RidgeRegression::solve() {
  const size_t d = X_->cols;
  std::vector<double> A = gram_;
  for (size_t j = 0; j < d; ++j) A[j * d + j] += p_.alpha;
  std::vector<double> w = xty_;
  // cholesky_solve only fails on a non-positive pivot; rounding usually leaves a tiny positive one
  // for exactly dependent columns, so also reject pivots that lost almost all of their diagonal.
  bool ok = d == 0 || cholesky_solve(A, w, d);
  for (size_t j = 0; ok && j < d; ++j) {
    double before = gram_[j * d + j] + p_.alpha;
    ok = A[j * d + j] * A[j * d + j] > 1e-12 * before;
  }
  if (!ok)
    throw std::invalid_argument(
        "the features are linearly dependent (one is a combination of others), so least squares has no unique "
        "answer; set alpha above 0 or drop the redundant feature");
  w_ = w;
  b_ = y_mean_;
  for (size_t j = 0; j < d; ++j) b_ -= x_mean_[j] * w_[j];
  done_ = true;
}

double RidgeRegression::progress() const {
  if (done_) return 1.0;
  if (!X_ || X_->rows == 0) return 0.0;
  return 0.95 * double(next_row_) / double(X_->rows);
}

double RidgeRegression::mean_squared_error(const DenseMatrix& X, const std::vector<double>& y) const {
  DenseMatrix p = predict(X);
  double s = 0;
  for (size_t i = 0; i < X.rows; ++i) s += (y[i] - p.data[i]) * (y[i] - p.data[i]);
  return s / double(X.rows);
}

DenseMatrix RidgeRegression::predict(const DenseMatrix& X) const {
  if (X.cols != w_.size())
    throw std::invalid_argument("model expects " + std::to_string(w_.size()) + " features, got " +
                                std::to_string(X.cols));
  DenseMatrix out(X.rows, 1);
  for (size_t i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
    double s = b_;
    for (size_t j = 0; j < X.cols; ++j) s += w_[j] * x[j];
    out.data[i] = s;
  }
  return out;
}

nlohmann::json RidgeRegression::to_json() const {
  return {{"algo", algo()}, {"params", params_table().write(p_)}, {"coefficients", w_}, {"intercept", b_}};
}

RidgeRegression RidgeRegression::from_json(const nlohmann::json& j) {
  RidgeRegression m(j.at("params"));
  m.w_ = j.at("coefficients").get<std::vector<double>>();
  m.b_ = j.at("intercept").get<double>();
  m.done_ = true;
  return m;
}

}  // namespace lab
