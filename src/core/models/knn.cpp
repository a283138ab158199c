#include "core/models/knn.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/models/learner_checks.hpp"

namespace lab {

const ParamTable<KnnParams>& KNearestNeighbors::params_table() {
  static const ParamTable<KnnParams> table =
      ParamTable<KnnParams>()
          .integer("n_neighbors", &KnnParams::n_neighbors, 5, 1, 200,
                   "How many of the closest training rows vote. Few = follows every local wiggle (and noise); "
                   "many = smoother, more averaged predictions.",
                   true)
          .choice("weights", &KnnParams::weights, "uniform", {"uniform", "distance"},
                  "uniform: every neighbour counts the same. distance: closer neighbours count more (weight "
                  "1/distance).")
          .tune("n_neighbors", 1, 50)
          .tune("weights");
  return table;
}


KNearestNeighbors::KNearestNeighbors(const nlohmann::json& p) : p_(params_table().read(p)) {}

void KNearestNeighbors::begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                              const std::vector<double>& y_val, const TaskInfo& task) {
  check_training_shape(X, y);
  task_ = task.task;
  if (task_ != Task::Regression) n_classes_ = check_class_labels(y, task, "k-nearest neighbours");
  if (size_t(p_.n_neighbors) > X.rows)
    throw std::invalid_argument("n_neighbors is " + std::to_string(p_.n_neighbors) + " but there are only " +
                                std::to_string(X.rows) + " training rows; lower n_neighbors");
  X_ = X;
  y_ = y;
  X_val_ = &X_val;
  y_val_ = &y_val;
  done_ = false;
}

StepReport KNearestNeighbors::step() {
  if (done_ || !X_val_) throw std::logic_error("step() called on a finished or unstarted learner");
  done_ = true;
  StepReport r;
  r.step = 1;
  if (X_val_->rows) {
    DenseMatrix p = predict(*X_val_);
    double sum = 0;
    for (size_t i = 0; i < X_val_->rows; ++i) {
      double yi = (*y_val_)[i];
      if (task_ == Task::Regression) { sum += (yi - p.data[i]) * (yi - p.data[i]); continue; }
      double q = task_ == Task::Binary ? (yi > 0.5 ? p.data[i] : 1.0 - p.data[i]) : p.at(i, size_t(yi));
      sum -= det::log(std::min(1.0 - 1e-15, std::max(1e-15, q)));
    }
    r.train_loss = r.val_loss = sum / double(X_val_->rows);
  }
  return r;
}

void KNearestNeighbors::neighbours(const double* x, std::vector<size_t>& idx, std::vector<double>& dist) const {
  const size_t n = X_.rows, d = X_.cols, k = size_t(p_.n_neighbors);
  std::vector<double> d2(n);
  for (size_t i = 0; i < n; ++i) {
    const double* r = X_.row(i);
    double s = 0;
    for (size_t j = 0; j < d; ++j) s += (r[j] - x[j]) * (r[j] - x[j]);
    d2[i] = s;
  }
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  auto closer = [&](size_t a, size_t b) { return d2[a] < d2[b] || (d2[a] == d2[b] && a < b); };
  std::partial_sort(order.begin(), order.begin() + long(k), order.end(), closer);
  idx.assign(order.begin(), order.begin() + long(k));
  dist.resize(k);
  for (size_t t = 0; t < k; ++t) dist[t] = std::sqrt(d2[idx[t]]);
}

DenseMatrix KNearestNeighbors::predict(const DenseMatrix& X) const {
  check_feature_count(X, X_.cols);
  const size_t k = size_t(p_.n_neighbors);
  const bool by_distance = p_.weights == "distance";
  const size_t outputs = task_ == Task::Multiclass ? size_t(n_classes_) : 1;
  DenseMatrix out(X.rows, outputs);
  std::vector<size_t> idx;
  std::vector<double> dist, w(k);
  std::vector<double> votes(static_cast<size_t>(n_classes_));
  for (size_t i = 0; i < X.rows; ++i) {
    neighbours(X.row(i), idx, dist);
    bool exact = false;
    for (double v : dist) exact = exact || v == 0.0;
    for (size_t t = 0; t < k; ++t)
      w[t] = !by_distance ? 1.0 : exact ? (dist[t] == 0.0 ? 1.0 : 0.0) : 1.0 / dist[t];
    double wsum = 0;
    for (double v : w) wsum += v;
    if (task_ == Task::Regression) {
      double s = 0;
      for (size_t t = 0; t < k; ++t) s += w[t] * y_[idx[t]];
      out.data[i] = s / wsum;
      continue;
    }
    std::fill(votes.begin(), votes.end(), 0.0);
    for (size_t t = 0; t < k; ++t) votes[size_t(y_[idx[t]])] += w[t];
    if (task_ == Task::Binary) out.data[i] = votes[1] / wsum;
    else
      for (size_t c = 0; c < outputs; ++c) out.at(i, c) = votes[c] / wsum;
  }
  return out;
}

nlohmann::json KNearestNeighbors::to_json() const {
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = 0; i < X_.rows; ++i) rows.push_back(std::vector<double>(X_.row(i), X_.row(i) + X_.cols));
  return {{"algo", algo()},
          {"params", params_table().write(p_)},
          {"task", to_string(task_)},
          {"n_classes", n_classes_},
          {"n_features", X_.cols},
          {"X", rows},
          {"y", y_}};
}

KNearestNeighbors KNearestNeighbors::from_json(const nlohmann::json& j) {
  KNearestNeighbors m(j.at("params"));
  const std::string task = j.at("task");
  m.task_ = task == "regression" ? Task::Regression : task == "multiclass" ? Task::Multiclass : Task::Binary;
  m.n_classes_ = j.at("n_classes").get<int>();
  m.y_ = j.at("y").get<std::vector<double>>();
  const auto& rows = j.at("X");
  m.X_ = DenseMatrix(rows.size(), j.at("n_features").get<size_t>());
  for (size_t i = 0; i < rows.size(); ++i) {
    auto r = rows[i].get<std::vector<double>>();
    if (r.size() != m.X_.cols) throw std::invalid_argument("knn model: a stored row has the wrong length");
    std::copy(r.begin(), r.end(), m.X_.row(i));
  }
  if (m.y_.size() != m.X_.rows || size_t(m.p_.n_neighbors) > m.X_.rows)
    throw std::invalid_argument("knn model: stored rows and targets disagree");
  m.done_ = true;
  return m;
}

}  // namespace lab
