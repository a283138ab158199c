#pragma once
// L2-regularised logistic regression with scikit-learn's objective:
//   minimise  C * sum_i logloss(y_i, sigmoid(w.x_i + b)) + 0.5 * |w|^2   (b not penalised)
// solved by Newton's method, one Newton iteration per step().
#include "core/models/learner.hpp"

namespace lab {

class LogisticRegression : public Learner {
 public:
  static const std::vector<ParamSpec>& param_specs();
  explicit LogisticRegression(const nlohmann::json& resolved_params);

  std::string algo() const override { return "logistic_regression"; }
  void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
             const std::vector<double>& y_val, const TaskInfo& task) override;
  StepReport step() override;
  bool done() const override { return done_; }
  double progress() const override;
  DenseMatrix predict(const DenseMatrix& X) const override;  // n x 1, P(class 1)
  std::vector<double> predict_proba(const DenseMatrix& X) const;
  nlohmann::json to_json() const override;
  static LogisticRegression from_json(const nlohmann::json& j);

  const std::vector<double>& coefficients() const { return w_; }
  double intercept() const { return b_; }
  int iterations() const { return iter_; }

 private:
  double mean_log_loss(const DenseMatrix& X, const std::vector<double>& y) const;

  double C_ = 1.0;
  int max_iter_ = 100;
  double tol_ = 1e-8;
  std::vector<double> w_;
  double b_ = 0;
  int iter_ = 0;
  bool done_ = false;
  const DenseMatrix* X_ = nullptr;
  const std::vector<double>* y_ = nullptr;
  const DenseMatrix* X_val_ = nullptr;
  const std::vector<double>* y_val_ = nullptr;
};

}  // namespace lab
