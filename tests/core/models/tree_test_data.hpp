#pragma once
// The reference datasets of tests/reference/trees_reference.py, split the same way as there:
// data row i is a test row when i % 5 == 0. The last CSV column is the target.
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/eval/metrics.hpp"
#include "core/math/rng.hpp"
#include "core/models/learner.hpp"
#include "support/numeric_csv.hpp"

namespace lab::testing {

struct TreeTestData {
  DenseMatrix X_train, X_test;
  std::vector<double> y_train, y_test;
};

inline TreeTestData load_tree_dataset(const std::string& file) {
  auto rows = read_numeric_csv(reference_data_path(file), 1);
  const size_t d = rows.at(0).size() - 1;
  TreeTestData t;
  size_t n_test = (rows.size() + 4) / 5;
  t.X_train = DenseMatrix(rows.size() - n_test, d);
  t.X_test = DenseMatrix(n_test, d);
  size_t a = 0, b = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    bool test = i % 5 == 0;
    double* dst = test ? t.X_test.row(b++) : t.X_train.row(a++);
    for (size_t j = 0; j < d; ++j) dst[j] = rows[i][j];
    (test ? t.y_test : t.y_train).push_back(rows[i][d]);
  }
  return t;
}

inline const nlohmann::json& tree_reference() {
  static const nlohmann::json ref = [] {
    std::ifstream in(reference_data_path("tree_reference.json"));
    return nlohmann::json::parse(in);
  }();
  return ref;
}

// A large binary problem made on the spot (no file): y = 1 when sum (j+1) x_j plus noise > 0,
// x standard normal. For tests that need many rows (a tree step cut into parts).
inline TreeTestData synthetic_binary(size_t train_rows, size_t test_rows, size_t features, uint64_t seed) {
  TreeTestData t;
  t.X_train = DenseMatrix(train_rows, features);
  t.X_test = DenseMatrix(test_rows, features);
  Rng rng(seed);
  auto fill = [&](DenseMatrix& M, std::vector<double>& y) {
    for (size_t i = 0; i < M.rows; ++i) {
      double z = 0;
      for (size_t j = 0; j < features; ++j) z += double(j + 1) * (M.at(i, j) = rng.normal());
      y.push_back(z + rng.normal() > 0 ? 1.0 : 0.0);
    }
  };
  fill(t.X_train, t.y_train);
  fill(t.X_test, t.y_test);
  return t;
}

// Trains to the end with no validation rows.
inline void train_to_end(Learner& m, const TreeTestData& d, const TaskInfo& task) {
  DenseMatrix none;
  std::vector<double> no_y;
  m.begin(d.X_train, d.y_train, none, no_y, task);
  while (!m.done()) m.step();
}

inline std::vector<double> column(const DenseMatrix& m, size_t c) {
  std::vector<double> out(m.rows);
  for (size_t i = 0; i < m.rows; ++i) out[i] = m.at(i, c);
  return out;
}

inline double argmax_accuracy(const DenseMatrix& proba, const std::vector<double>& y) {
  size_t right = 0;
  for (size_t i = 0; i < proba.rows; ++i) {
    size_t best = 0;
    for (size_t c = 1; c < proba.cols; ++c)
      if (proba.at(i, c) > proba.at(i, best)) best = c;
    right += double(best) == y[i];
  }
  return double(right) / double(y.size());
}

inline double rmse(const DenseMatrix& pred, const std::vector<double>& y) {
  double s = 0;
  for (size_t i = 0; i < y.size(); ++i) s += (pred.data[i] - y[i]) * (pred.data[i] - y[i]);
  return std::sqrt(s / double(y.size()));
}

}  // namespace lab::testing

namespace lab::testing {
// As scikit-learn's predict(): class 1 only when its probability is strictly larger.
inline double binary_accuracy(const DenseMatrix& p1, const std::vector<double>& y) {
  size_t right = 0;
  for (size_t i = 0; i < y.size(); ++i) right += (p1.data[i] > 0.5 ? 1.0 : 0.0) == y[i];
  return double(right) / double(y.size());
}
}  // namespace lab::testing
