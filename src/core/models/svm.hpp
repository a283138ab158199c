#pragma once
// Support vector machine: kernel "rbf" is scikit-learn's SVC, trained by libsvm-style SMO
// (svm_smo.hpp), one chunk of SMO iterations per step(); kernel "linear" is scikit-learn's
// LinearSVC(loss="hinge"), trained by liblinear-style dual coordinate descent (svm_linear_dcd.hpp),
// one chunk of passes over the rows per step(), and kept as one weight per feature plus a bias
// (SMO on a linear kernel costs rows^2: 20,000 rows did not finish in 15 minutes). The linear
// bias is regularised as LinearSVC's is, so its margins differ slightly from
// SVC(kernel="linear"). k > 2 classes are one-vs-one, as
// libsvm: one two-class machine per pair of classes (trained one after another), their Platt
// probabilities coupled pairwise into class probabilities (svm_coupling.hpp).
// Probabilities come from Platt scaling fitted on the training rows' decision values
// (svm_platt.hpp). scikit-learn instead fits Platt on 5-fold cross-validated decision values,
// which costs five extra fits and needs randomness; ours is deterministic and one fit, but a
// little overconfident when the SVM fits its training rows very closely.
#include <memory>

#include "core/models/learner.hpp"
#include "core/models/param_table.hpp"
#include "core/models/svm_kernel.hpp"
#include "core/models/svm_linear_dcd.hpp"
#include "core/models/svm_platt.hpp"
#include "core/models/svm_smo.hpp"

namespace lab {

struct SvmParams {
  std::string kernel = "rbf";
  double C = 1.0;
  double gamma = 0.0;  // 0: scikit-learn's "scale"
  long max_iter = -1;
  double tol = 1e-3;
};

class SupportVectorMachine : public Learner {
 public:
  static const ParamTable<SvmParams>& params_table();
  static const std::vector<ParamSpec>& param_specs() { return params_table().specs(); }
  explicit SupportVectorMachine(const nlohmann::json& resolved_params);

  std::string algo() const override { return "svm"; }
  void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
             const std::vector<double>& y_val, const TaskInfo& task) override;
  // Runs a chunk of SMO iterations (rbf) or passes (linear). Reports the mean hinge loss max(0, 1 - y f(x)) (y = -1/+1)
  // of the current solution on training and validation rows.
  StepReport step() override;
  bool done() const override { return done_; }
  double progress() const override;
  // Binary: n x 1, P(class 1) by Platt scaling. Multiclass: n x k coupled class probabilities.
  DenseMatrix predict(const DenseMatrix& X) const override;
  std::vector<double> decision_function(const DenseMatrix& X) const;  // two classes: > 0 means class 1
  nlohmann::json to_json() const override;
  static SupportVectorMachine from_json(const nlohmann::json& j);

  double gamma_used() const { return kernel_.gamma; }
  long iterations() const { return iterations_; }  // SMO iterations (rbf) or passes over the rows (linear)
  bool converged() const { return converged_; }
  size_t n_support() const;  // over all pairs when one-vs-one
  size_t n_pairs() const { return pairs_.size(); }
  double dual_objective() const { return dual_objective_; }

 private:
  void collect_support_vectors();  // from the solver's current alpha
  StepReport step_linear();        // one chunk of dual coordinate descent passes
  long linear_pass_limit() const;
  void begin_pair(size_t p);       // one-vs-one: cuts pair p's rows and starts its machine
  StepReport step_pairs();
  double pairs_loss(bool validation) const;
  double hinge(const DenseMatrix& X, const std::vector<double>& y) const;
  double training_hinge() const;  // of the training rows, read from the running solver

  SvmParams p_;
  SvmKernel kernel_;
  uint64_t seed_ = 0;
  // Linear kernel: f(x) = w.x - rho_. Empty for rbf, and for linear models saved before the
  // linear solver existed (those keep their support vectors and still load).
  std::vector<double> w_;
  size_t linear_n_support_ = 0;
  std::unique_ptr<LinearDcdSolver> dcd_;
  size_t d_ = 0;
  DenseMatrix sv_;               // support vectors, one per row
  std::vector<double> sv_coef_;  // y_i * alpha_i
  std::vector<double> sv_sq_;    // |sv|^2 for the RBF kernel
  double rho_ = 0;
  PlattSigmoid platt_;
  long iterations_ = 0;
  bool converged_ = false, done_ = false;
  double dual_objective_ = 0, first_gap_ = 0;
  // The solver sees the rows as libsvm inside scikit-learn does: class 0 rows first, then class 1,
  // with class 0 as the +1 side. The order only breaks ties in working-set selection, but that
  // is what makes a run cut short by max_iter land on the same model as SVC(max_iter=...).
  DenseMatrix X_solver_;
  std::vector<double> y_pm1_, labels_solver_;
  std::unique_ptr<SmoSolver> smo_;
  const DenseMatrix* X_ = nullptr;
  const std::vector<double>* y_ = nullptr;
  const DenseMatrix* X_val_ = nullptr;
  const std::vector<double>* y_val_ = nullptr;

  // One-vs-one (k > 2 classes): pairs (a, b), a < b, in libsvm's order; pair p's machine sees
  // class a as 0 and class b as 1. Its rows live in pair_rows_ while it trains.
  struct PairRows {
    DenseMatrix X, X_val;
    std::vector<double> y, y_val;
  };
  int n_classes_ = 2;
  std::vector<std::pair<int, int>> pair_classes_;
  std::vector<std::unique_ptr<SupportVectorMachine>> pairs_;
  std::vector<double> pair_train_loss_, pair_val_loss_;  // each started pair's latest hinge
  size_t current_pair_ = 0;
  PairRows pair_rows_;
};

}  // namespace lab
