#pragma once
// k-nearest neighbours, as scikit-learn's KNeighborsClassifier / KNeighborsRegressor with
// algorithm="brute" and Euclidean distance. "Training" stores the rows; prediction finds the k
// closest training rows (ties in distance go to the earlier training row) and
//   classification: class shares among them (weights "uniform") or shares weighted by 1/distance
//                   ("distance"; neighbours at distance 0, if any, take all the weight, as in sklearn),
//   regression:     their mean (uniform) or 1/distance-weighted mean of their targets.
#include "core/models/learner.hpp"
#include "core/models/param_table.hpp"

namespace lab {

struct KnnParams {
  int n_neighbors = 5;
  std::string weights = "uniform";
};


class KNearestNeighbors : public Learner {
 public:
  static const ParamTable<KnnParams>& params_table();
  static const std::vector<ParamSpec>& param_specs() { return params_table().specs(); }
  explicit KNearestNeighbors(const nlohmann::json& resolved_params);

  std::string algo() const override { return "knn"; }
  void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
             const std::vector<double>& y_val, const TaskInfo& task) override;
  // One step: store the rows. KNN has no training objective, so the report carries the
  // validation loss (log loss, or mean squared error for regression) in both fields, or 0.
  StepReport step() override;
  bool done() const override { return done_; }
  double progress() const override { return done_ ? 1.0 : 0.0; }
  DenseMatrix predict(const DenseMatrix& X) const override;
  nlohmann::json to_json() const override;
  static KNearestNeighbors from_json(const nlohmann::json& j);

 private:
  KnnParams p_;
  // Indices of the k nearest training rows and their distances, nearest first.
  void neighbours(const double* x, std::vector<size_t>& idx, std::vector<double>& dist) const;

  Task task_ = Task::Binary;
  int n_classes_ = 2;
  DenseMatrix X_;
  std::vector<double> y_;
  bool done_ = false;
  const DenseMatrix* X_val_ = nullptr;
  const std::vector<double>* y_val_ = nullptr;
};

}  // namespace lab
