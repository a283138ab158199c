#pragma once
// Linear regression with an L2 penalty, scikit-learn's Ridge objective:
//   minimise  |y - X w - b|^2 + alpha * |w|^2        (b not penalised; alpha = 0 is ordinary least squares)
// Solved in closed form: centre X and y (which removes b from the problem), accumulate the Gram
// matrix X^T X over chunks of rows (one chunk per step(), so huge tables still show progress),
// then solve (X^T X + alpha I) w = X^T y with a plain, deterministic Cholesky.
#include "core/models/learner.hpp"
#include "core/models/param_table.hpp"

namespace lab {

struct RidgeParams {
  double alpha = 1.0;
};


class RidgeRegression : public Learner {
 public:
  static const ParamTable<RidgeParams>& params_table();
  static const std::vector<ParamSpec>& param_specs() { return params_table().specs(); }
  explicit RidgeRegression(const nlohmann::json& resolved_params);

  std::string algo() const override { return "ridge_regression"; }
  void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
             const std::vector<double>& y_val, const TaskInfo& task) override;
  // Every step but the last adds a chunk of rows to the Gram matrix and reports the loss of the
  // model so far (the mean of y); the last one solves and reports the fitted model's loss.
  StepReport step() override;
  bool done() const override { return done_; }
  double progress() const override;
  DenseMatrix predict(const DenseMatrix& X) const override;  // n x 1 predicted values
  nlohmann::json to_json() const override;
  static RidgeRegression from_json(const nlohmann::json& j);

  const std::vector<double>& coefficients() const { return w_; }
  double intercept() const { return b_; }

  static constexpr size_t kRowsPerStep = 20000;

 private:
  RidgeParams p_;
  double mean_squared_error(const DenseMatrix& X, const std::vector<double>& y) const;
  void solve();

  std::vector<double> w_;
  double b_ = 0;
  bool done_ = false;
  size_t next_row_ = 0;
  std::vector<double> x_mean_, gram_, xty_;
  double y_mean_ = 0;
  const DenseMatrix* X_ = nullptr;
  const std::vector<double>* y_ = nullptr;
  const DenseMatrix* X_val_ = nullptr;
  const std::vector<double>* y_val_ = nullptr;
};

}  // namespace lab
