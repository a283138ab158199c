#include "core/models/svm.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/models/learner_checks.hpp"
#include "core/models/svm_coupling.hpp"

namespace lab {

namespace {
const size_t kCacheBytes = size_t(100) << 20;  // kernel rows kept between iterations
const long kLinearDefaultPasses = 1000;         // max_iter = -1 on the linear kernel (LinearSVC's default)
const double kLinearFlopsPerStep = 4e6;         // a few milliseconds of coordinate updates per step()
const double kPairWorkPerStep = 4e6;            // one-vs-one: small pairs are batched into one step up to this
}

const ParamTable<SvmParams>& SupportVectorMachine::params_table() {
  static const ParamTable<SvmParams> table =
      ParamTable<SvmParams>()
          .choice("kernel", &SvmParams::kernel, "rbf", {"linear", "rbf"},
                  "linear: the boundary between the classes is a straight line (plane); fast. rbf: a flexible, "
                  "curved boundary built from bumps around training rows.")
          .real("C", &SvmParams::C, 1.0, 1e-3, 1e4,
                "Penalty for rows on the wrong side of the margin. Small C = wide, forgiving margin; large C = "
                "tries to classify every training row correctly (risk of overfitting).",
                true)
          .real("gamma", &SvmParams::gamma, 0.0, 0.0, 1e3,
                "rbf only: how far one training row's influence reaches (large = very local). 0 means "
                "scikit-learn's \"scale\" default, 1 / (number of features x variance of the features).")
          .zero_means("gamma", "scale: 1/(features × variance)")
          .only_when("gamma", "kernel", "rbf")
          .integer("max_iter", &SvmParams::max_iter, -1L, -1, 1e6,
                   "When to stop if not converged. rbf: most SMO iterations (each updates one pair of training "
                   "rows), as scikit-learn's SVC; -1 = until converged. linear: most passes over all the training "
                   "rows (dual coordinate descent, as LinearSVC); -1 = up to 1000 passes. With more than two "
                   "classes, per pair of classes. Small values stop early with a rougher model: try 10, 100, 1000 "
                   "and compare.")
          .real("tol", &SvmParams::tol, 1e-3, 1e-6, 1e-1,
                "Stop when no pair of rows violates the optimality conditions by more than this.", true)
          .tune("kernel")
          .tune("C", 1e-2, 1e3);
  return table;
}

SupportVectorMachine::SupportVectorMachine(const nlohmann::json& p) : p_(params_table().read(p)) {
  if (p_.kernel != "linear" && p_.kernel != "rbf") throw std::invalid_argument("kernel must be linear or rbf, got " + p_.kernel);
  kernel_.rbf = p_.kernel == "rbf";
  kernel_.gamma = p_.gamma;
}

void SupportVectorMachine::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                                 const std::vector<double>& y_val, const TaskInfo& task) {
  check_training_shape(X, y);
  check_class_labels(y, task, "the SVM");
  X_ = &X; y_ = &y; X_val_ = &X_val; y_val_ = &y_val;
  d_ = X.cols;
  seed_ = task.seed;
  w_.clear();
  dcd_.reset();
  smo_.reset();
  iterations_ = 0;
  converged_ = done_ = false;
  if (p_.gamma <= 0) {  // "scale": 1 / (n_features * variance of all feature values)
    double mean = 0, ss = 0;
    const double n = double(X.data.size());
    for (double v : X.data) mean += v;
    mean /= n;
    for (double v : X.data) ss += (v - mean) * (v - mean);
    double var = ss / n;
    kernel_.gamma = var > 0 ? 1.0 / (double(d_) * var) : 1.0;
  }
  n_classes_ = task.task == Task::Multiclass ? task.n_classes : 2;
  pairs_.clear();
  pair_classes_.clear();
  pair_train_loss_.clear();
  pair_val_loss_.clear();
  if (n_classes_ > 2) {
    // gamma "scale" comes from all the training rows (as SVC), not from each pair's.
    for (int a = 0; a < n_classes_; ++a)
      for (int b = a + 1; b < n_classes_; ++b) pair_classes_.push_back({a, b});
    begin_pair(0);
    return;
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
  if (kernel_.rbf) smo_ = std::make_unique<SmoSolver>(X_solver_, y_pm1_, kernel_, p_.C, p_.tol, kCacheBytes);
  else dcd_ = std::make_unique<LinearDcdSolver>(X_solver_, y_pm1_, p_.C, p_.tol, seed_);
  iterations_ = 0;
  converged_ = done_ = false;
  first_gap_ = 0;
}

void SupportVectorMachine::begin_pair(size_t p) {
  current_pair_ = p;
  const int a = pair_classes_[p].first, b = pair_classes_[p].second;  // (clang 14 lambdas cannot capture bindings)
  auto cut = [&](const DenseMatrix& X, const std::vector<double>& y, DenseMatrix& X_out, std::vector<double>& y_out) {
    std::vector<size_t> keep;
    for (size_t i = 0; i < y.size(); ++i)
      if (int(y[i]) == a || int(y[i]) == b) keep.push_back(i);
    X_out = DenseMatrix(keep.size(), X.cols);
    y_out.clear();
    for (size_t r = 0; r < keep.size(); ++r) {
      std::copy(X.row(keep[r]), X.row(keep[r]) + X.cols, X_out.row(r));
      y_out.push_back(int(y[keep[r]]) == b ? 1.0 : 0.0);
    }
  };
  cut(*X_, *y_, pair_rows_.X, pair_rows_.y);
  cut(*X_val_, *y_val_, pair_rows_.X_val, pair_rows_.y_val);
  SvmParams pair_params = p_;
  pair_params.gamma = kernel_.gamma;  // "scale" was resolved on every training row
  pairs_.push_back(std::make_unique<SupportVectorMachine>(params_table().write(pair_params)));
  pairs_.back()->begin(pair_rows_.X, pair_rows_.y, pair_rows_.X_val, pair_rows_.y_val, {Task::Binary, 2, seed_ + p});
  pair_train_loss_.push_back(0.0);
  pair_val_loss_.push_back(0.0);
}

// One chunk of the current pair's SMO. The step number counts SMO iterations over all pairs (what
// the progress bar shows); the losses are the mean hinge over the pairs started so far.
StepReport SupportVectorMachine::step_pairs() {
  // Small pairs (many classes: 50 classes are 1,225 machines of a few dozen rows) share one step
  // until it holds about as much work as one chunk of a large machine; otherwise the per-step
  // cost around the learner (logging, curves) dominated and a 50-class fit took 20 s.
  double work = 0;
  while (!done_ && work < kPairWorkPerStep) {
    SupportVectorMachine& m = *pairs_[current_pair_];
    const long before = m.iterations();
    StepReport pr = m.step();
    pair_train_loss_[current_pair_] = pr.train_loss;
    pair_val_loss_[current_pair_] = pr.val_loss;
    // An SMO iteration touches two kernel rows; a coordinate descent pass every row once.
    work += double(std::max(1L, m.iterations() - before)) * double(pair_rows_.X.rows) * double(d_ + 1) *
            (kernel_.rbf ? 2.0 : 1.0);
    if (m.done()) {
      converged_ = (current_pair_ == 0 || converged_) && m.converged();
      if (current_pair_ + 1 < pair_classes_.size()) {
        begin_pair(current_pair_ + 1);
      } else {
        done_ = true;
        pair_rows_ = PairRows();
      }
    }
  }
  long total = 0;
  for (const auto& q : pairs_) total += q->iterations();
  iterations_ = total;
  StepReport r;
  r.step = int(iterations_);
  double tl = 0, vl = 0;
  for (size_t p = 0; p < pairs_.size(); ++p) { tl += pair_train_loss_[p]; vl += pair_val_loss_[p]; }
  r.train_loss = tl / double(pairs_.size());
  r.val_loss = vl / double(pairs_.size());
  return r;
}

size_t SupportVectorMachine::n_support() const {
  if (pairs_.empty()) return w_.empty() ? sv_coef_.size() : linear_n_support_;
  size_t n = 0;
  for (const auto& p : pairs_) n += p->n_support();
  return n;
}

long SupportVectorMachine::linear_pass_limit() const { return p_.max_iter >= 0 ? p_.max_iter : kLinearDefaultPasses; }

StepReport SupportVectorMachine::step_linear() {
  const double flops_per_pass = double(X_solver_.rows) * double(d_ + 1);
  long chunk = std::max<long>(1, long(kLinearFlopsPerStep / std::max(1.0, flops_per_pass)));
  chunk = std::min(chunk, linear_pass_limit() - dcd_->passes());
  converged_ = dcd_->run(chunk);
  iterations_ = dcd_->passes();
  if (first_gap_ == 0 && std::isfinite(dcd_->gap())) first_gap_ = dcd_->gap();
  dual_objective_ = dcd_->dual_objective();
  // The solver's +1 side is class 0: negate so the decision is positive for class 1.
  w_ = dcd_->weights();
  for (double& v : w_) v = -v;
  rho_ = dcd_->bias();
  linear_n_support_ = 0;
  for (double a : dcd_->alpha()) linear_n_support_ += a > 0;
  done_ = converged_ || iterations_ >= linear_pass_limit();
  std::vector<double> f(X_solver_.rows);
  double sum = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    f[i] = -dcd_->decision(X_solver_.row(i));
    sum += std::max(0.0, 1.0 - (labels_solver_[i] > 0.5 ? f[i] : -f[i]));
  }
  StepReport r;
  r.step = int(iterations_);
  r.train_loss = sum / double(f.size());
  if (done_) {
    platt_ = fit_platt(f, labels_solver_);
    dcd_.reset();
    X_solver_ = DenseMatrix();
  }
  r.val_loss = X_val_->rows ? hinge(*X_val_, *y_val_) : r.train_loss;
  return r;
}

StepReport SupportVectorMachine::step() {
  if (!done_ && !pairs_.empty()) return step_pairs();
  if (!done_ && dcd_) return step_linear();
  if (done_ || !smo_) throw std::logic_error("step() called on a finished or unstarted learner");
  long chunk = std::max<long>(50, std::min<long>(5000, long(X_->rows) / 2));
  if (p_.max_iter >= 0) chunk = std::min(chunk, p_.max_iter - smo_->iterations());
  converged_ = smo_->run(chunk);
  iterations_ = smo_->iterations();
  if (first_gap_ == 0 && std::isfinite(smo_->kkt_gap())) first_gap_ = smo_->kkt_gap();
  dual_objective_ = smo_->dual_objective();
  collect_support_vectors();
  done_ = converged_ || (p_.max_iter >= 0 && iterations_ >= p_.max_iter);
  StepReport r;
  r.step = int(iterations_);
  r.train_loss = training_hinge();  // from the solver's gradient: no kernel work per step
  if (done_) {
    std::vector<double> f = smo_->training_decisions();
    for (double& v : f) v = -v;  // the solver's +1 side is class 0
    platt_ = fit_platt(f, labels_solver_);
    smo_.reset();  // frees the kernel cache
    X_solver_ = DenseMatrix();
  }
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
  if (!pairs_.empty())
    throw std::logic_error("decision_function() gives one margin for two classes; a one-vs-one model has one per pair");
  check_feature_count(X, d_);
  std::vector<double> f(X.rows);
  if (!w_.empty()) {
    for (size_t i = 0; i < X.rows; ++i) {
      double s = 0;
      for (size_t k = 0; k < d_; ++k) s += w_[k] * X.row(i)[k];
      f[i] = s - rho_;
    }
    return f;
  }
  for (size_t i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
    const double sq = squared_norm(x, d_);
    double s = 0;
    for (size_t k = 0; k < sv_coef_.size(); ++k) s += sv_coef_[k] * kernel_(sv_.row(k), x, d_, sv_sq_[k], sq);
    f[i] = s - rho_;
  }
  return f;
}

double SupportVectorMachine::training_hinge() const {
  const std::vector<double> f = smo_->training_decisions();  // the solver's +1 side is class 0
  double sum = 0;
  for (size_t i = 0; i < f.size(); ++i) sum += std::max(0.0, 1.0 - (labels_solver_[i] > 0.5 ? -f[i] : f[i]));
  return sum / double(f.size());
}

double SupportVectorMachine::hinge(const DenseMatrix& X, const std::vector<double>& y) const {
  std::vector<double> f = decision_function(X);
  double sum = 0;
  for (size_t i = 0; i < f.size(); ++i) sum += std::max(0.0, 1.0 - (y[i] > 0.5 ? f[i] : -f[i]));
  return sum / double(f.size());
}

double SupportVectorMachine::progress() const {
  if (done_) return 1.0;
  if (!pairs_.empty())
    return std::min(0.95, (double(current_pair_) + pairs_[current_pair_]->progress()) / double(pair_classes_.size()));
  double p = 0;
  if (dcd_) {
    if (first_gap_ > p_.tol && dcd_->gap() > 0 && std::isfinite(dcd_->gap()))
      p = det::log(first_gap_ / std::max(dcd_->gap(), p_.tol)) / det::log(first_gap_ / p_.tol);
    p = std::max(p, double(iterations_) / double(std::max(1L, linear_pass_limit())));
    return std::min(0.95, std::max(0.0, p));
  }
  if (smo_ && first_gap_ > p_.tol && smo_->kkt_gap() > 0 && std::isfinite(smo_->kkt_gap()))
    p = det::log(first_gap_ / std::max(smo_->kkt_gap(), p_.tol)) / det::log(first_gap_ / p_.tol);
  if (p_.max_iter > 0) p = std::max(p, double(iterations_) / double(p_.max_iter));
  return std::min(0.95, std::max(0.0, p));
}

DenseMatrix SupportVectorMachine::predict(const DenseMatrix& X) const {
  if (!pairs_.empty()) {
    if (pairs_.size() != pair_classes_.size()) throw std::logic_error("predict() called before every SVM pair is trained");
    check_feature_count(X, d_);
    const size_t k = size_t(n_classes_);
    DenseMatrix out(X.rows, k);
    std::vector<double> r(k * k, 0.0);
    std::vector<std::vector<double>> pair_probs;
    for (const auto& m : pairs_) pair_probs.push_back(m->predict(X).data);  // P(the pair's second class)
    for (size_t i = 0; i < X.rows; ++i) {
      for (size_t p = 0; p < pairs_.size(); ++p) {
        const size_t a = size_t(pair_classes_[p].first), b = size_t(pair_classes_[p].second);
        const double r_ab = std::min(std::max(1.0 - pair_probs[p][i], kPairwiseMinProb), 1.0 - kPairwiseMinProb);
        r[a * k + b] = r_ab;
        r[b * k + a] = 1.0 - r_ab;
      }
      std::vector<double> prob = couple_pairwise(r, n_classes_);
      for (size_t c = 0; c < k; ++c) out.at(i, c) = prob[c];
    }
    return out;
  }
  std::vector<double> f = decision_function(X);
  DenseMatrix out(X.rows, 1);
  for (size_t i = 0; i < X.rows; ++i) out.data[i] = platt_.probability(f[i]);
  return out;
}

nlohmann::json SupportVectorMachine::to_json() const {
  if (!pairs_.empty()) {
    nlohmann::json pairs = nlohmann::json::array();
    for (size_t p = 0; p < pairs_.size(); ++p) {
      nlohmann::json j = pairs_[p]->to_json();
      j["classes"] = {pair_classes_[p].first, pair_classes_[p].second};
      pairs.push_back(j);
    }
    return {{"algo", algo()},
            {"params", params_table().write(p_)},
            {"gamma_used", kernel_.gamma},
            {"n_features", d_},
            {"n_classes", n_classes_},
            {"pairs", pairs},  // one-vs-one machines; "classes" = (a, b), P(b) from each
            {"iterations", iterations_},
            {"converged", converged_}};
  }
  if (!w_.empty())
    return {{"algo", algo()},
            {"params", params_table().write(p_)},
            {"gamma_used", kernel_.gamma},
            {"n_features", d_},
            {"weights", w_},  // linear kernel: decision = weights.x - rho
            {"rho", rho_},
            {"n_support", linear_n_support_},
            {"platt", {{"A", platt_.A}, {"B", platt_.B}}},
            {"iterations", iterations_},
            {"converged", converged_}};
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = 0; i < sv_.rows; ++i) rows.push_back(std::vector<double>(sv_.row(i), sv_.row(i) + d_));
  return {{"algo", algo()},
          {"params", params_table().write(p_)},
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
  if (j.contains("pairs")) {
    SupportVectorMachine m(j.at("params"));
    m.kernel_.gamma = j.at("gamma_used").get<double>();
    m.d_ = j.at("n_features").get<size_t>();
    m.n_classes_ = j.at("n_classes").get<int>();
    for (const auto& pj : j.at("pairs")) {
      const auto cls = pj.at("classes").get<std::vector<int>>();
      if (cls.size() != 2 || cls[0] < 0 || cls[1] <= cls[0] || cls[1] >= m.n_classes_)
        throw std::invalid_argument("svm model: a pair names classes outside 0 .. n_classes-1");
      m.pair_classes_.push_back({cls[0], cls[1]});
      m.pairs_.push_back(std::make_unique<SupportVectorMachine>(from_json(pj)));
      if (m.pairs_.back()->d_ != m.d_) throw std::invalid_argument("svm model: a pair has the wrong feature count");
    }
    if (m.pairs_.size() != size_t(m.n_classes_ * (m.n_classes_ - 1) / 2))
      throw std::invalid_argument("svm model: a one-vs-one model needs one machine per pair of classes");
    m.iterations_ = j.at("iterations").get<long>();
    m.converged_ = j.at("converged").get<bool>();
    m.done_ = true;
    return m;
  }
  SupportVectorMachine m(j.at("params"));
  m.kernel_.gamma = j.at("gamma_used").get<double>();
  m.d_ = j.at("n_features").get<size_t>();
  m.rho_ = j.at("rho").get<double>();
  m.platt_.A = j.at("platt").at("A").get<double>();
  m.platt_.B = j.at("platt").at("B").get<double>();
  m.iterations_ = j.at("iterations").get<long>();
  m.converged_ = j.at("converged").get<bool>();
  m.done_ = true;
  if (j.contains("weights")) {
    m.w_ = j.at("weights").get<std::vector<double>>();
    if (m.w_.size() != m.d_ || m.w_.empty()) throw std::invalid_argument("svm model: weights do not match n_features");
    m.linear_n_support_ = j.value("n_support", size_t(0));
    return m;
  }
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
  return m;
}

}  // namespace lab
