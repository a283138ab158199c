#include "core/models/logistic_regression.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/math/cholesky.hpp"
#include "core/math/det_math.hpp"
#include "core/models/logistic_newton.hpp"

namespace lab {

const ParamTable<LogisticParams>& LogisticRegression::params_table() {
  static const ParamTable<LogisticParams> table =
      ParamTable<LogisticParams>()
          .real("C", &LogisticParams::C, 1.0, 1e-4, 1e4,
                "Inverse regularisation strength, as in scikit-learn. Smaller C = simpler model, larger C = fits "
                "the training data more closely.",
                true)
          .integer("max_iter", &LogisticParams::max_iter, 100, 1, 1000,
                   "Most solver iterations to run. Each one is a step on the live loss curve.")
          .real("tol", &LogisticParams::tol, 1e-8, 1e-12, 1e-2,
                "Stop when the largest gradient entry (per training row) falls below this.", true)
          .choice("solver", &LogisticParams::solver, "auto", {"auto", "newton", "lbfgs"},
                  "How the optimum is found; all reach the same model. newton: few, expensive steps using the "
                  "exact curvature (fast for a few dozen features). lbfgs: many cheap steps, scikit-learn's "
                  "default (fast for many features or classes). auto: newton when the model has at most 100 "
                  "weights, else lbfgs.")
          .tune("C", 1e-3, 1e3);
  return table;
}

LogisticRegression::LogisticRegression(const nlohmann::json& p) : p_(params_table().read(p)) {
  if (p_.solver != "auto" && p_.solver != "newton" && p_.solver != "lbfgs")
    throw std::invalid_argument("solver must be auto, newton or lbfgs, got " + p_.solver);
}

// Newton solves a dense system of (classes x (features + 1)) unknowns per step: cubic in that
// size, square in memory. Up to ~100 unknowns its ~8 steps beat L-BFGS's ~50 cheap ones; beyond
// that L-BFGS wins, and on wide data (10 rows x 10,000 columns) Newton would need a 800 MB Hessian.
std::string LogisticRegression::solver_for_shape(size_t n_features, int n_outputs) {
  return double(n_outputs) * double(n_features + 1) <= double(kAutoNewtonMaxWeights) ? "newton" : "lbfgs";
}

void LogisticRegression::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                               const std::vector<double>& y_val, const TaskInfo& task) {
  if (task.task == Task::Regression)
    throw std::invalid_argument("logistic regression predicts classes; for a numeric target use ridge regression");
  if (X.rows == 0 || X.rows != y.size()) throw std::invalid_argument("training data is empty or misshapen");
  multinomial_ = task.task == Task::Multiclass;
  n_classes_ = multinomial_ ? task.n_classes : 2;
  if (n_classes_ < 2) throw std::invalid_argument("the target needs at least two classes");
  for (double v : y)
    if (!(v >= 0 && v < n_classes_ && v == std::floor(v)))
      throw std::invalid_argument("class labels must be whole numbers 0 .. " + std::to_string(n_classes_ - 1));
  X_ = &X; y_ = &y; X_val_ = &X_val; y_val_ = &y_val;
  d_ = X.cols;
  w_.assign(n_outputs() * d_, 0.0);
  b_.assign(n_outputs(), 0.0);
  iter_ = 0;
  done_ = false;
  point_ = {};
  stage_ = Stage::Start;
  last_ = false;
  active_solver_ = p_.solver == "auto" ? solver_for_shape(d_, int(n_outputs())) : p_.solver;
  const double unknowns = double(n_outputs()) * double(d_ + 1);
  if (active_solver_ == "newton" && unknowns > double(kNewtonMaxWeights))
    throw std::invalid_argument("the newton solver would factorise a " + std::to_string(size_t(unknowns)) + " x " +
                                std::to_string(size_t(unknowns)) + " matrix (" +
                                std::to_string(size_t(unknowns * unknowns * 8 / 1e6)) +
                                " MB) for this many features and classes; choose solver lbfgs or auto");
  if (active_solver_ == "lbfgs")
    lbfgs_.start(theta(), [this](const std::vector<double>& t, std::vector<double>& g) { return objective(t, g); });
}

std::vector<double> LogisticRegression::theta() const {
  std::vector<double> t = w_;
  t.insert(t.end(), b_.begin(), b_.end());
  return t;
}

void LogisticRegression::set_theta(const std::vector<double>& t) {
  std::copy(t.begin(), t.begin() + long(w_.size()), w_.begin());
  std::copy(t.begin() + long(w_.size()), t.end(), b_.begin());
}

void LogisticRegression::scores(const double* x, double* z) const {
  for (size_t c = 0; c < n_outputs(); ++c) {
    const double* w = w_.data() + c * d_;
    double s = b_[c];
    for (size_t j = 0; j < d_; ++j) s += w[j] * x[j];
    z[c] = s;
  }
}

namespace {
// Softmax in place; returns log(sum exp(z)) for the loss.
double softmax(std::vector<double>& z) {
  double m = z[0];
  for (double v : z) m = std::max(m, v);
  double sum = 0;
  for (double& v : z) { v = det::exp(v - m); sum += v; }
  for (double& v : z) v /= sum;
  return m + det::log(sum);
}
}  // namespace

double LogisticRegression::objective(const std::vector<double>& t, std::vector<double>& grad) const {
  const DenseMatrix& X = *X_;
  const auto& y = *y_;
  const size_t k = n_outputs(), nw = k * d_;
  const double* W = t.data();
  const double* B = t.data() + nw;
  std::fill(grad.begin(), grad.end(), 0.0);
  std::vector<double> z(k);
  double loss = 0;
  for (size_t i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
    for (size_t c = 0; c < k; ++c) {
      double s = B[c];
      for (size_t j = 0; j < d_; ++j) s += W[c * d_ + j] * x[j];
      z[c] = s;
    }
    if (!multinomial_) {
      double yi = y[i];
      loss += det::log1p_exp(yi > 0.5 ? -z[0] : z[0]);
      z[0] = det::sigmoid(z[0]) - yi;  // residual
    } else {
      size_t yi = size_t(y[i]);
      double zy = z[yi];
      loss += softmax(z) - zy;
      z[yi] -= 1.0;  // residuals p - onehot(y)
    }
    for (size_t c = 0; c < k; ++c) {
      double r = z[c];
      double* g = grad.data() + c * d_;
      for (size_t j = 0; j < d_; ++j) g[j] += r * x[j];
      grad[nw + c] += r;
    }
  }
  const double n = double(X.rows), pen = 1.0 / (p_.C * n);
  double wsq = 0;
  for (size_t a = 0; a < nw; ++a) {
    wsq += W[a] * W[a];
    grad[a] = grad[a] / n + pen * W[a];
  }
  for (size_t c = 0; c < k; ++c) grad[nw + c] /= n;
  return loss / n + 0.5 * pen * wsq;
}

// Binary Newton: each step solves with the Hessian at the current point, moves, then evaluates
// loss, gradient and curvature at the new point in one pass: that gradient decides convergence at
// once (no extra iteration just to find out), and the loss it yields is the step's reported
// training loss. Each pass goes a run of rows per part, whole blocks of kLogisticBlock rows, so
// every sum adds in the order of the pass done at once.
std::optional<StepReport> LogisticRegression::step_part() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted learner");
  if (!binary_newton()) return step();
  const DenseMatrix& X = *X_;
  const size_t d = X.cols, k = d + 1;  // last coordinate = intercept
  const size_t evaluate_visits = d + kVisitsPerTranscendental, gram_visits = k * (k + 1) / 2 + d;
  switch (stage_) {
    case Stage::Start:  // the first step evaluates the starting point first
      if (!point_.gradient.size()) {
        evaluate_.start(X, *y_, w_, b_[0], p_.C, point_);
        pass_.start(X.rows, evaluate_visits, kLogisticBlock);
        stage_ = Stage::StartPoint;
        return std::nullopt;
      }
      gram_.start(X, point_.curvature);
      pass_.start(X.rows, gram_visits, kLogisticBlock);
      stage_ = Stage::Hessian;
      return std::nullopt;
    case Stage::StartPoint: {
      const RowRange r = pass_.next();
      evaluate_.add_rows(r.from, r.to);
      if (!pass_.done()) return std::nullopt;
      evaluate_.finish();
      stage_ = Stage::Start;
      return std::nullopt;
    }
    case Stage::Hessian: {
      const RowRange r = pass_.next();
      gram_.add_rows(r.from, r.to);
      if (!pass_.done()) return std::nullopt;
      std::vector<double> H = gram_.finish();
      std::vector<double> delta = point_.gradient;
      for (size_t j = 0; j < d; ++j) {  // the penalty 0.5 |w|^2
        delta[j] += w_[j];
        H[j * k + j] += 1.0;
      }
      if (!cholesky_solve(H, delta, k)) throw std::runtime_error("Newton step failed: the Hessian is singular");
      for (size_t j = 0; j < d; ++j) w_[j] -= delta[j];
      b_[0] -= delta[d];
      evaluate_.start(X, *y_, w_, b_[0], p_.C, point_);
      pass_.start(X.rows, evaluate_visits, kLogisticBlock);
      stage_ = Stage::Evaluate;
      return std::nullopt;
    }
    case Stage::Evaluate: {
      const RowRange r = pass_.next();
      evaluate_.add_rows(r.from, r.to);
      if (!pass_.done()) return std::nullopt;
      evaluate_.finish();
      // Converged when the gradient (scaled per row, as C multiplies a sum) is tiny.
      double gmax = 0;
      for (size_t j = 0; j < k; ++j) gmax = std::max(gmax, std::fabs(point_.gradient[j] + (j < d ? w_[j] : 0.0)));
      gmax /= p_.C * double(X.rows);
      last_ = end_iteration(gmax < p_.tol);  // done() only once the step's report is out
      report_ = StepReport{iter_, point_.mean_log_loss, point_.mean_log_loss};
      if (X_val_->rows == 0) break;
      val_sum_ = 0;
      pass_.start(X_val_->rows, d + kVisitsPerTranscendental);
      stage_ = Stage::ValidationLoss;
      return std::nullopt;
    }
    case Stage::ValidationLoss: {
      const RowRange r = pass_.next();
      for (size_t i = r.from; i < r.to; ++i) {
        double z = 0;
        scores(X_val_->row(i), &z);
        // -log p(y|x) = log(1 + exp(-z)) for y=1, log(1 + exp(z)) for y=0
        val_sum_ += det::log1p_exp((*y_val_)[i] > 0.5 ? -z : z);
      }
      if (!pass_.done()) return std::nullopt;
      report_.val_loss = val_sum_ / double(X_val_->rows);
      break;
    }
  }
  stage_ = Stage::Start;
  done_ = last_;
  if (done_) point_ = {};  // the per-row curvature is only needed while fitting
  return report_;
}

// Parameters laid out as [W (k x d, row-major), b (k)]. The softmax is unchanged when every
// intercept moves by the same amount, so the Hessian is singular along that direction; adding
// 1 1^T on the intercept block (the curvature of 0.5 * (sum_c b_c)^2) fixes it without moving the
// optimum, because the gradient never has a component along that direction.
void LogisticRegression::newton_step_multinomial() {
  const DenseMatrix& X = *X_;
  const auto& y = *y_;
  const size_t k = size_t(n_classes_), d = d_, m = d + 1, P = k * m;
  auto index = [&](size_t c, size_t a) { return a < d ? c * d + a : k * d + c; };
  std::vector<double> g(P, 0.0), H(P * P, 0.0), xa(m), outer(m * m), p(k);
  for (size_t i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
    scores(x, p.data());
    softmax(p);
    for (size_t j = 0; j < d; ++j) xa[j] = x[j];
    xa[d] = 1.0;
    for (size_t a = 0; a < m; ++a)
      for (size_t e = 0; e < m; ++e) outer[a * m + e] = xa[a] * xa[e];
    const size_t yi = size_t(y[i]);
    for (size_t c = 0; c < k; ++c) {
      double r = p_.C * (p[c] - (c == yi ? 1.0 : 0.0));
      for (size_t a = 0; a < m; ++a) g[index(c, a)] += r * xa[a];
      // Lower triangle only (col <= row); mirrored below.
      for (size_t c2 = 0; c2 < k; ++c2) {
        double s = p_.C * ((c == c2 ? p[c] : 0.0) - p[c] * p[c2]);
        for (size_t a = 0; a < m; ++a) {
          size_t row = index(c, a);
          for (size_t e = 0; e < m; ++e) {
            size_t col = index(c2, e);
            if (col <= row) H[row * P + col] += s * outer[a * m + e];
          }
        }
      }
    }
  }
  for (size_t r = 0; r < P; ++r)
    for (size_t c = 0; c < r; ++c) H[c * P + r] = H[r * P + c];
  for (size_t a = 0; a < k * d; ++a) {
    g[a] += w_[a];
    H[a * P + a] += 1.0;
  }
  for (size_t c = 0; c < k; ++c)
    for (size_t c2 = 0; c2 < k; ++c2) H[(k * d + c) * P + k * d + c2] += 1.0;
  double gmax = 0;
  for (double v : g) gmax = std::max(gmax, std::fabs(v));
  gmax /= p_.C * double(X.rows);
  std::vector<double> delta = g;
  if (!cholesky_solve(H, delta, P)) throw std::runtime_error("Newton step failed: the Hessian is singular");
  for (size_t a = 0; a < k * d; ++a) w_[a] -= delta[a];
  for (size_t c = 0; c < k; ++c) b_[c] -= delta[k * d + c];
  if (gmax < p_.tol) done_ = true;
}

void LogisticRegression::center_intercepts() {
  if (!multinomial_) return;
  double mean = 0;
  for (double v : b_) mean += v;
  mean /= double(b_.size());
  for (double& v : b_) v -= mean;
}

StepReport LogisticRegression::step() {
  if (done_ || !X_) throw std::logic_error("step() called on a finished or unstarted learner");
  if (binary_newton())
    for (;;)
      if (std::optional<StepReport> r = step_part()) return *r;
  if (active_solver_ == "newton") {
    newton_step_multinomial();
  } else {
    bool moved = lbfgs_.iterate([this](const std::vector<double>& t, std::vector<double>& g) { return objective(t, g); });
    set_theta(lbfgs_.x());
    // max_abs_gradient is of the per-row objective, the same scale Newton's test uses.
    if (!moved || lbfgs_.max_abs_gradient() < p_.tol) done_ = true;
  }
  done_ = end_iteration(done_);
  StepReport r;
  r.step = iter_;
  r.train_loss = mean_log_loss(*X_, *y_);  // after end_iteration: at the centred intercepts
  r.val_loss = X_val_->rows ? mean_log_loss(*X_val_, *y_val_) : r.train_loss;
  return r;
}

// Counts the iteration; it is the last when it converged or reached max_iter (then the
// multinomial intercepts are centred, before the losses are taken).
bool LogisticRegression::end_iteration(bool converged) {
  ++iter_;
  const bool last = converged || iter_ >= p_.max_iter;
  if (last) center_intercepts();
  return last;
}

double LogisticRegression::progress() const {
  if (done_) return 1.0;
  // Newton usually converges in under ten iterations, L-BFGS in under a hundred.
  double typical = active_solver_ == "newton" ? 10.0 : 100.0;
  return std::min(0.95, double(iter_) / std::min(typical, double(p_.max_iter)));
}

double LogisticRegression::mean_log_loss(const DenseMatrix& X, const std::vector<double>& y) const {
  double sum = 0;
  std::vector<double> z(n_outputs());
  for (size_t i = 0; i < X.rows; ++i) {
    scores(X.row(i), z.data());
    if (!multinomial_) {
      // -log p(y|x) = log(1 + exp(-z)) for y=1, log(1 + exp(z)) for y=0
      sum += det::log1p_exp(y[i] > 0.5 ? -z[0] : z[0]);
    } else {
      double zy = z[size_t(y[i])];
      sum += softmax(z) - zy;
    }
  }
  return sum / double(X.rows);
}

std::vector<double> LogisticRegression::predict_proba(const DenseMatrix& X) const {
  if (multinomial_) throw std::logic_error("predict_proba gives P(class 1) of a binary model; use predict()");
  return predict(X).data;
}

DenseMatrix LogisticRegression::predict(const DenseMatrix& X) const {
  if (X.cols != d_)
    throw std::invalid_argument("model expects " + std::to_string(d_) + " features, got " + std::to_string(X.cols));
  const size_t k = n_outputs();
  DenseMatrix out(X.rows, k);
  std::vector<double> z(k);
  for (size_t i = 0; i < X.rows; ++i) {
    scores(X.row(i), z.data());
    if (multinomial_) softmax(z);
    else z[0] = det::sigmoid(z[0]);
    for (size_t c = 0; c < k; ++c) out.at(i, c) = z[c];
  }
  return out;
}

nlohmann::json LogisticRegression::to_json() const {
  nlohmann::json j = {{"algo", algo()},
                      {"params", params_table().write(p_)},
                      {"n_features", d_},
                      {"solver_used", active_solver_},
                      {"iterations", iter_}};
  if (!multinomial_) {
    j["coefficients"] = w_;
    j["intercept"] = b_[0];
  } else {
    nlohmann::json rows = nlohmann::json::array();
    for (size_t c = 0; c < b_.size(); ++c)
      rows.push_back(std::vector<double>(w_.begin() + long(c * d_), w_.begin() + long((c + 1) * d_)));
    j["n_classes"] = n_classes_;
    j["coefficients"] = rows;
    j["intercept"] = b_;
  }
  return j;
}

LogisticRegression LogisticRegression::from_json(const nlohmann::json& j) {
  LogisticRegression m(j.at("params"));
  m.iter_ = j.at("iterations").get<int>();
  m.done_ = true;
  if (j.contains("n_classes")) {  // multinomial
    m.multinomial_ = true;
    m.n_classes_ = j.at("n_classes").get<int>();
    m.w_.clear();
    for (const auto& row : j.at("coefficients")) {
      auto r = row.get<std::vector<double>>();
      m.d_ = r.size();
      m.w_.insert(m.w_.end(), r.begin(), r.end());
    }
    m.b_ = j.at("intercept").get<std::vector<double>>();
    if (m.b_.size() != size_t(m.n_classes_) || m.w_.size() != m.d_ * m.b_.size())
      throw std::invalid_argument("logistic regression model: coefficient and class counts disagree");
  } else {
    m.w_ = j.at("coefficients").get<std::vector<double>>();
    m.d_ = m.w_.size();
    m.b_ = {j.at("intercept").get<double>()};
  }
  return m;
}

}  // namespace lab
