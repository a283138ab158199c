#include "core/models/svm.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/models/learner_checks.hpp"

namespace lab {

namespace {
const size_t kCacheBytes = size_t(100) << 20;  // kernel rows kept between iterations
}

const std::vector<ParamSpec>& SupportVectorMachine::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"kernel", ParamSpec::Kind::Choice, 0, "rbf", 0, 0, false, {"linear", "rbf"},
       "linear: the boundary between the classes is a straight line (plane); fast. rbf: a flexible, curved "
       "boundary built from bumps around training rows."},
      {"C", ParamSpec::Kind::Float, 1.0, "", 1e-3, 1e4, true, {},
       "Penalty for rows on the wrong side of the margin. Small C = wide, forgiving margin; large C = tries "
       "to classify every training row correctly (risk of overfitting)."},
      {"gamma", ParamSpec::Kind::Float, 0.0, "", 0.0, 1e3, false, {},
       "rbf only: how far one training row's influence reaches (large = very local). 0 means scikit-learn's "
       "\"scale\" default, 1 / (number of features x variance of the features)."},
      {"max_iter", ParamSpec::Kind::Int, -1, "", -1, 1e6, false, {},
       "Most SMO iterations (each updates one pair of training rows), as in scikit-learn's SVC. -1 = run until "
       "converged. Small values stop early with a rougher model: try 10, 100, 1000 and compare."},
      {"tol", ParamSpec::Kind::Float, 1e-3, "", 1e-6, 1e-1, true, {},
       "Stop when no pair of rows violates the optimality conditions by more than this."},
  };
  return specs;
}

SupportVectorMachine::SupportVectorMachine(const nlohmann::json& p)
    : C_(p.at("C").get<double>()),
      tol_(p.at("tol").get<double>()),
      gamma_param_(p.at("gamma").get<double>()),
      max_iter_(p.at("max_iter").get<long>()) {
  const std::string k = p.at("kernel").get<std::string>();
  if (k != "linear" && k != "rbf") throw std::invalid_argument("kernel must be linear or rbf, got " + k);
  kernel_.rbf = k == "rbf";
  kernel_.gamma = gamma_param_;
}

void SupportVectorMachine::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                                 const std::vector<double>& y_val, const TaskInfo& task) {
  check_training_shape(X, y);
  if (task.task == Task::Multiclass)
    throw std::invalid_argument("the SVM here separates two classes; for more classes use logistic regression, "
                                "k-nearest neighbours or naive Bayes");
  check_class_labels(y, task, "the SVM");
  X_ = &X; y_ = &y; X_val_ = &X_val; y_val_ = &y_val;
  d_ = X.cols;
  if (gamma_param_ <= 0) {  // "scale": 1 / (n_features * variance of all feature values)
    double mean = 0, ss = 0;
    const double n = double(X.data.size());
    for (double v : X.data) mean += v;
    mean /= n;
    for (double v : X.data) ss += (v - mean) * (v - mean);
    double var = ss / n;
    kernel_.gamma = var > 0 ? 1.0 / (double(d_) * var) : 1.0;
  }
  X_solver_ = DenseMatrix(X.rows, d_);
  y_pm1_.clear();
  labels_solver_.clear();
  for (double cls : {0.0, 1.0})
    for (size_t i = 0; i < y.size(); ++i) {
      if ((y[i] > 0.5) != (cls > 0.5)) continue;
      std::copy(X.row(i), X.row(i) + d_, X_solver_.row(y_pm1_.size()));
      y_pm1_.push_back(cls > 0.5 ? -1.0 : 1.0);
      labels_solver_.push_back(cls);
    }
  smo_ = std::make_unique<SmoSolver>(X_solver_, y_pm1_, kernel_, C_, tol_, kCacheBytes);
  iterations_ = 0;
  converged_ = done_ = false;
  first_gap_ = 0;
}

StepReport SupportVectorMachine::step() {
  if (done_ || !smo_) throw std::logic_error("step() called on a finished or unstarted learner");
  long chunk = std::max<long>(50, std::min<long>(5000, long(X_->rows) / 2));
  if (max_iter_ >= 0) chunk = std::min(chunk, max_iter_ - smo_->iterations());
  converged_ = smo_->run(chunk);
  iterations_ = smo_->iterations();
  if (first_gap_ == 0 && std::isfinite(smo_->kkt_gap())) first_gap_ = smo_->kkt_gap();
  dual_objective_ = smo_->dual_objective();
  collect_support_vectors();
  done_ = converged_ || (max_iter_ >= 0 && iterations_ >= max_iter_);
  if (done_) {
    std::vector<double> f = smo_->training_decisions();
    for (double& v : f) v = -v;  // the solver's +1 side is class 0
    platt_ = fit_platt(f, labels_solver_);
    smo_.reset();  // frees the kernel cache
    X_solver_ = DenseMatrix();
  }
  StepReport r;
  r.step = int(iterations_);
  r.train_loss = hinge(*X_, *y_);
  r.val_loss = X_val_->rows ? hinge(*X_val_, *y_val_) : r.train_loss;
  return r;
}

void SupportVectorMachine::collect_support_vectors() {
  const auto& a = smo_->alpha();
  size_t n_sv = 0;
  for (double v : a) n_sv += v > 0;
  sv_ = DenseMatrix(n_sv, d_);
  sv_coef_.clear();
  sv_sq_.clear();
  for (size_t i = 0, s = 0; i < a.size(); ++i) {
    if (!(a[i] > 0)) continue;
    std::copy(X_solver_.row(i), X_solver_.row(i) + d_, sv_.row(s++));
    sv_coef_.push_back(-y_pm1_[i] * a[i]);  // negated: our decision is positive for class 1
    sv_sq_.push_back(squared_norm(X_solver_.row(i), d_));
  }
  rho_ = -smo_->rho();
}

std::vector<double> SupportVectorMachine::decision_function(const DenseMatrix& X) const {
  check_feature_count(X, d_);
  std::vector<double> f(X.rows);
  for (size_t i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
    const double sq = squared_norm(x, d_);
    double s = 0;
    for (size_t k = 0; k < sv_coef_.size(); ++k) s += sv_coef_[k] * kernel_(sv_.row(k), x, d_, sv_sq_[k], sq);
    f[i] = s - rho_;
  }
  return f;
}

double SupportVectorMachine::hinge(const DenseMatrix& X, const std::vector<double>& y) const {
  std::vector<double> f = decision_function(X);
  double sum = 0;
  for (size_t i = 0; i < f.size(); ++i) sum += std::max(0.0, 1.0 - (y[i] > 0.5 ? f[i] : -f[i]));
  return sum / double(f.size());
}

double SupportVectorMachine::progress() const {
  if (done_) return 1.0;
  double p = 0;
  if (smo_ && first_gap_ > tol_ && smo_->kkt_gap() > 0 && std::isfinite(smo_->kkt_gap()))
    p = det::log(first_gap_ / std::max(smo_->kkt_gap(), tol_)) / det::log(first_gap_ / tol_);
  if (max_iter_ > 0) p = std::max(p, double(iterations_) / double(max_iter_));
  return std::min(0.95, std::max(0.0, p));
}

DenseMatrix SupportVectorMachine::predict(const DenseMatrix& X) const {
  std::vector<double> f = decision_function(X);
  DenseMatrix out(X.rows, 1);
  for (size_t i = 0; i < X.rows; ++i) out.data[i] = platt_.probability(f[i]);
  return out;
}

nlohmann::json SupportVectorMachine::to_json() const {
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = 0; i < sv_.rows; ++i) rows.push_back(std::vector<double>(sv_.row(i), sv_.row(i) + d_));
  return {{"algo", algo()},
          {"params",
           {{"kernel", kernel_.rbf ? "rbf" : "linear"}, {"C", C_}, {"gamma", gamma_param_}, {"max_iter", max_iter_},
            {"tol", tol_}}},
          {"gamma_used", kernel_.gamma},
          {"n_features", d_},
          {"support_vectors", rows},
          {"dual_coef", sv_coef_},
          {"rho", rho_},
          {"platt", {{"A", platt_.A}, {"B", platt_.B}}},
          {"iterations", iterations_},
          {"converged", converged_}};
}

SupportVectorMachine SupportVectorMachine::from_json(const nlohmann::json& j) {
  SupportVectorMachine m(j.at("params"));
  m.kernel_.gamma = j.at("gamma_used").get<double>();
  m.d_ = j.at("n_features").get<size_t>();
  m.sv_coef_ = j.at("dual_coef").get<std::vector<double>>();
  const auto& rows = j.at("support_vectors");
  if (rows.size() != m.sv_coef_.size()) throw std::invalid_argument("svm model: support vector count mismatch");
  m.sv_ = DenseMatrix(rows.size(), m.d_);
  for (size_t i = 0; i < rows.size(); ++i) {
    auto r = rows[i].get<std::vector<double>>();
    if (r.size() != m.d_) throw std::invalid_argument("svm model: a support vector has the wrong length");
    std::copy(r.begin(), r.end(), m.sv_.row(i));
    m.sv_sq_.push_back(squared_norm(m.sv_.row(i), m.d_));
  }
  m.rho_ = j.at("rho").get<double>();
  m.platt_.A = j.at("platt").at("A").get<double>();
  m.platt_.B = j.at("platt").at("B").get<double>();
  m.iterations_ = j.at("iterations").get<long>();
  m.converged_ = j.at("converged").get<bool>();
  m.done_ = true;
  return m;
}

}  // namespace lab
