#pragma once
// Gaussian naive Bayes, as scikit-learn's GaussianNB: per class, each feature is a normal
// distribution with the class's mean and variance (plus var_smoothing times the largest feature
// variance, for stability); the class probability follows from Bayes' rule with the class shares
// in the training rows as priors.
#include "core/models/learner.hpp"
#include "core/models/param_table.hpp"
#include "core/models/row_parts.hpp"

namespace lab {

struct GaussianNbParams {
  double var_smoothing = 1e-9;
};


class GaussianNaiveBayes : public Learner {
 public:
  static const ParamTable<GaussianNbParams>& params_table();
  static const std::vector<ParamSpec>& param_specs() { return params_table().specs(); }
  explicit GaussianNaiveBayes(const nlohmann::json& resolved_params);

  std::string algo() const override { return "gaussian_nb"; }
  void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
             const std::vector<double>& y_val, const TaskInfo& task) override;
  // One step: four passes over the rows (sums, squared deviations, the training loss, the
  // validation loss), in parts of bounded work (step_part) at a million rows.
  StepReport step() override;
  std::optional<StepReport> step_part() override;
  bool done() const override { return done_; }
  double progress() const override { return done_ ? 1.0 : 0.0; }
  // Binary: n x 1, P(class 1). Multiclass: n x k class probabilities.
  DenseMatrix predict(const DenseMatrix& X) const override;
  nlohmann::json to_json() const override;
  static GaussianNaiveBayes from_json(const nlohmann::json& j);

  const std::vector<double>& means() const { return theta_; }        // k x d
  const std::vector<double>& variances() const { return var_; }      // k x d, smoothed
  const std::vector<double>& log_priors() const { return log_prior_; }

 private:
  GaussianNbParams p_;
  DenseMatrix probabilities(const DenseMatrix& X) const;  // always n x k
  std::vector<double> log_norms() const;  // per class: sum_j log(2 pi var)
  void row_probabilities(const double* x, const std::vector<double>& norm, double* jll, double* p) const;
  void finish_means();
  void finish_variances();

  enum class Stage { Sums, Deviations, TrainLoss, ValLoss };

  bool binary_ = true;
  size_t k_ = 2, d_ = 0;
  std::vector<double> theta_, var_, log_prior_;
  bool done_ = false;
  const DenseMatrix* X_ = nullptr;
  const std::vector<double>* y_ = nullptr;
  const DenseMatrix* X_val_ = nullptr;
  const std::vector<double>* y_val_ = nullptr;
  // The step's running state, kept between parts.
  Stage stage_ = Stage::Sums;
  RowParts pass_;
  std::vector<double> count_, column_sum_, column_ss_, norm_;
  double loss_sum_ = 0, train_loss_ = 0;
};

}  // namespace lab
