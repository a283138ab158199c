#include "core/models/logistic_regression.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/math/cholesky.hpp"
#include "core/math/det_math.hpp"

namespace lab {

const std::vector<ParamSpec>& LogisticRegression::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"C", ParamSpec::Kind::Float, 1.0, "", 1e-4, 1e4, true, {},
       "Inverse regularisation strength, as in scikit-learn. Smaller C = simpler model, larger C = fits the "
       "training data more closely."},
      {"max_iter", ParamSpec::Kind::Int, 100, "", 1, 1000, false, {},
       "Most Newton iterations to run. Each one is a step on the live loss curve."},
      {"tol", ParamSpec::Kind::Float, 1e-8, "", 1e-12, 1e-2, true, {},
       "Stop when the largest gradient entry (per training row) falls below this."},
  };
  return specs;
}

LogisticRegression::LogisticRegression(const nlohmann::json& p)
    : C_(p.at("C").get<double>()), max_iter_(p.at("max_iter").get<int>()), tol_(p.at("tol").get<double>()) {}

void LogisticRegression::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                               const std::vector<double>& y_val, const TaskInfo& task) {
  if (task.task != Task::Binary)
    throw std::invalid_argument("logistic regression here handles two classes; this target has " +
                                std::to_string(task.n_classes));
  if (X.rows == 0 || X.rows != y.size()) throw std::invalid_argument("training data is empty or misshapen");
  X_ = &X; y_ = &y; X_val_ = &X_val; y_val_ = &y_val;
  w_.assign(X.cols, 0.0);
  b_ = 0;
  iter_ = 0;
  done_ = false;
}

StepReport LogisticRegression::step() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted learner");
  const DenseMatrix& X = *X_;
  const auto& y = *y_;
  const size_t d = X.cols, k = d + 1;  // last coordinate = intercept
  std::vector<double> g(k, 0.0), H(k * k, 0.0);
  std::vector<double> xa(k);
  for (size_t i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
    double z = b_;
    for (size_t j = 0; j < d; ++j) z += w_[j] * x[j];
    double p = det::sigmoid(z);
    double r = C_ * (p - y[i]);
    double s = C_ * p * (1.0 - p);
    for (size_t j = 0; j < d; ++j) xa[j] = x[j];
    xa[d] = 1.0;
    for (size_t a = 0; a < k; ++a) {
      g[a] += r * xa[a];
      double sa = s * xa[a];
      for (size_t c = 0; c <= a; ++c) H[a * k + c] += sa * xa[c];
    }
  }
  for (size_t a = 0; a < k; ++a)
    for (size_t c = 0; c < a; ++c) H[c * k + a] = H[a * k + c];
  for (size_t j = 0; j < d; ++j) {
    g[j] += w_[j];
    H[j * k + j] += 1.0;
  }
  // Converged when the gradient (scaled per row, as C multiplies a sum) is tiny.
  double gmax = 0;
  for (double v : g) gmax = std::max(gmax, std::fabs(v));
  gmax /= C_ * double(X.rows);
  std::vector<double> delta = g;
  if (!cholesky_solve(H, delta, k)) throw std::runtime_error("Newton step failed: the Hessian is singular");
  for (size_t j = 0; j < d; ++j) w_[j] -= delta[j];
  b_ -= delta[d];
  ++iter_;
  if (gmax < tol_ || iter_ >= max_iter_) done_ = true;

  StepReport r;
  r.step = iter_;
  r.train_loss = mean_log_loss(X, y);
  r.val_loss = X_val_->rows ? mean_log_loss(*X_val_, *y_val_) : r.train_loss;
  return r;
}

double LogisticRegression::progress() const {
  if (done_) return 1.0;
  // Newton usually converges in under ten iterations; show progress against that.
  return std::min(0.95, double(iter_) / std::min(10.0, double(max_iter_)));
}

double LogisticRegression::mean_log_loss(const DenseMatrix& X, const std::vector<double>& y) const {
  double sum = 0;
  for (size_t i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
    double z = b_;
    for (size_t j = 0; j < X.cols; ++j) z += w_[j] * x[j];
    // -log p(y|x) = log(1 + exp(-z)) for y=1, log(1 + exp(z)) for y=0
    sum += det::log1p_exp(y[i] > 0.5 ? -z : z);
  }
  return sum / double(X.rows);
}

std::vector<double> LogisticRegression::predict_proba(const DenseMatrix& X) const {
  if (X.cols != w_.size())
    throw std::invalid_argument("model expects " + std::to_string(w_.size()) + " features, got " +
                                std::to_string(X.cols));
  std::vector<double> out(X.rows);
  for (size_t i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
    double z = b_;
    for (size_t j = 0; j < X.cols; ++j) z += w_[j] * x[j];
    out[i] = det::sigmoid(z);
  }
  return out;
}

DenseMatrix LogisticRegression::predict(const DenseMatrix& X) const {
  DenseMatrix out(X.rows, 1);
  out.data = predict_proba(X);
  return out;
}

nlohmann::json LogisticRegression::to_json() const {
  return {{"algo", algo()}, {"params", {{"C", C_}, {"max_iter", max_iter_}, {"tol", tol_}}},
          {"coefficients", w_}, {"intercept", b_}, {"iterations", iter_}};
}

LogisticRegression LogisticRegression::from_json(const nlohmann::json& j) {
  LogisticRegression m(j.at("params"));
  m.w_ = j.at("coefficients").get<std::vector<double>>();
  m.b_ = j.at("intercept").get<double>();
  m.iter_ = j.at("iterations").get<int>();
  m.done_ = true;
  return m;
}

}  // namespace lab
