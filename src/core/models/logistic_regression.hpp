#pragma once
// L2-regularised logistic regression with scikit-learn's objective:
//   binary:      minimise  C * sum_i logloss(y_i, sigmoid(w.x_i + b)) + 0.5 * |w|^2
//   multiclass:  minimise  C * sum_i -log softmax(W x_i + b)[y_i]    + 0.5 * |W|^2   (multinomial)
// Intercepts are not penalised. Two solvers reach the same optimum:
//   "newton": one Newton iteration per step() (few, expensive steps; exact Hessian),
//   "lbfgs":  one L-BFGS iteration per step() (many cheap steps; scikit-learn's default),
//   "auto":   chosen by shape in begin() (solver_for_shape).
// Multinomial intercepts are only defined up to a common shift; both solvers return the
// representative whose intercepts sum to zero, as scikit-learn's lbfgs does.
#include "core/models/learner.hpp"
#include "core/models/lbfgs.hpp"
#include "core/models/logistic_newton.hpp"
#include "core/models/param_table.hpp"
#include "core/models/row_parts.hpp"

namespace lab {

struct LogisticParams {
  double C = 1.0;
  int max_iter = 100;
  double tol = 1e-8;
  std::string solver = "auto";
};

class LogisticRegression : public Learner {
 public:
  static const ParamTable<LogisticParams>& params_table();
  static const std::vector<ParamSpec>& param_specs() { return params_table().specs(); }
  explicit LogisticRegression(const nlohmann::json& resolved_params);

  std::string algo() const override { return "logistic_regression"; }
  void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
             const std::vector<double>& y_val, const TaskInfo& task) override;
  StepReport step() override;
  // The binary Newton iteration (the usual choice: a few dozen features, two classes) in parts
  // over runs of rows at a million rows: the Hessian pass, the solve, the loss and gradient pass
  // at the new point, the validation loss. The other solvers take a whole iteration at once.
  std::optional<StepReport> step_part() override;
  bool done() const override { return done_; }
  double progress() const override;
  // Binary: n x 1, P(class 1). Multiclass: n x k class probabilities.
  DenseMatrix predict(const DenseMatrix& X) const override;
  std::vector<double> predict_proba(const DenseMatrix& X) const;  // binary only: P(class 1)
  nlohmann::json to_json() const override;
  static LogisticRegression from_json(const nlohmann::json& j);

  // Binary: d weights. Multiclass: k x d weights, row-major (row c = class c).
  const std::vector<double>& coefficients() const { return w_; }
  double intercept() const { return b_.at(0); }
  const std::vector<double>& intercepts() const { return b_; }  // 1 (binary) or k values
  int n_classes() const { return n_classes_; }
  int iterations() const { return iter_; }
  const std::string& solver() const { return p_.solver; }               // as asked: auto, newton or lbfgs
  const std::string& active_solver() const { return active_solver_; }  // what begin() chose
  // auto's choice: newton up to kAutoNewtonMaxWeights unknowns (classes x (features + 1)).
  static std::string solver_for_shape(size_t n_features, int n_outputs);
  static constexpr int kAutoNewtonMaxWeights = 100;
  static constexpr int kNewtonMaxWeights = 4000;  // 128 MB of Hessian; beyond it newton is refused

 private:
  size_t n_outputs() const { return multinomial_ ? size_t(n_classes_) : 1; }
  // Mean-per-row objective (C*sum loss + 0.5|W|^2) / (C n) and its gradient at theta = [W, b].
  double objective(const std::vector<double>& theta, std::vector<double>& grad) const;
  bool binary_newton() const { return active_solver_ == "newton" && !multinomial_; }
  bool end_iteration(bool converged);  // counts the iteration; true when it is the last
  void newton_step_multinomial();
  void center_intercepts();
  void set_theta(const std::vector<double>& theta);
  std::vector<double> theta() const;
  double mean_log_loss(const DenseMatrix& X, const std::vector<double>& y) const;
  void scores(const double* x, double* z) const;  // z = W x + b, n_outputs() values

  LogisticParams p_;
  std::string active_solver_ = "newton";
  int n_classes_ = 2;
  bool multinomial_ = false;  // Task::Multiclass: one softmax output per class
  size_t d_ = 0;
  std::vector<double> w_;
  std::vector<double> b_ = {0.0};
  int iter_ = 0;
  bool done_ = false;
  Lbfgs lbfgs_;
  BinaryLogisticPoint point_;  // binary Newton: loss, gradient and curvature at (w_, b_)
  // Binary Newton's parts: where the iteration is, kept between them.
  enum class Stage { Start, StartPoint, Hessian, Evaluate, ValidationLoss };
  Stage stage_ = Stage::Start;
  RowParts pass_;
  BinaryLogisticPass evaluate_;
  WeightedGramPass gram_;
  double val_sum_ = 0;
  StepReport report_;
  bool last_ = false;  // the iteration in progress ends the fit
  const DenseMatrix* X_ = nullptr;
  const std::vector<double>* y_ = nullptr;
  const DenseMatrix* X_val_ = nullptr;
  const std::vector<double>* y_val_ = nullptr;
};

}  // namespace lab
