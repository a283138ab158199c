#include "core/models/tree_learner_common.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/math/det_math.hpp"

namespace lab {

namespace {
void check_labels(const std::string& learner, const std::vector<double>& y, const TaskInfo& task) {
  if (task.task == Task::Regression) {
    for (double v : y)
      if (!std::isfinite(v))
        throw std::invalid_argument(learner + ": the regression target has missing or infinite values; drop those rows");
    return;
  }
  for (double v : y)
    if (!(v >= 0 && v < task.n_classes && v == std::floor(v)))
      throw std::invalid_argument(learner + ": class labels must be whole numbers from 0 to " +
                                  std::to_string(task.n_classes - 1) + "; found " + std::to_string(v));
}
}  // namespace

void check_tree_training_data(const std::string& learner, const DenseMatrix& X, const std::vector<double>& y,
                              const DenseMatrix& X_val, const std::vector<double>& y_val, const TaskInfo& task) {
  if (X.rows == 0) throw std::invalid_argument(learner + ": the training data has no rows");
  if (X.cols == 0) throw std::invalid_argument(learner + ": the training data has no feature columns");
  if (X.rows != y.size())
    throw std::invalid_argument(learner + ": " + std::to_string(X.rows) + " training rows but " +
                                std::to_string(y.size()) + " target values");
  if (X_val.rows != y_val.size() || (X_val.rows > 0 && X_val.cols != X.cols))
    throw std::invalid_argument(learner + ": the validation data does not match the training data's shape");
  if (task.task != Task::Regression && task.n_classes < 2)
    throw std::invalid_argument(learner + ": classification needs at least 2 classes");
  if (task.task == Task::Binary && task.n_classes != 2)
    throw std::invalid_argument(learner + ": a binary task has exactly 2 classes");
  check_labels(learner, y, task);
  check_labels(learner, y_val, task);
}

void check_feature_count(const std::string& learner, size_t expected, const DenseMatrix& X) {
  if (X.cols != expected)
    throw std::invalid_argument(learner + " model expects " + std::to_string(expected) + " features, got " +
                                std::to_string(X.cols));
}

double mean_tree_loss(Task task, const std::vector<double>& y, const std::vector<double>& pred, size_t k,
                      double scale) {
  if (y.empty()) return 0;
  double sum = 0;
  if (task == Task::Regression) {
    for (size_t i = 0; i < y.size(); ++i) {
      double e = pred[i] * scale - y[i];
      sum += e * e;
    }
  } else {
    const double eps = 1e-15;
    LogSum logs;
    for (size_t i = 0; i < y.size(); ++i) {
      double p = pred[i * k + size_t(y[i])] * scale;
      logs.add(std::min(1.0 - eps, std::max(eps, p)));
    }
    sum = -logs.total();
  }
  return sum / double(y.size());
}

DenseMatrix tree_output(Task task, std::vector<double> pred, size_t rows, size_t k) {
  if (task == Task::Binary) {
    DenseMatrix out(rows, 1);
    for (size_t i = 0; i < rows; ++i) out.data[i] = pred[i * k + 1];
    return out;
  }
  DenseMatrix out;
  out.rows = rows;
  out.cols = k;
  out.data = std::move(pred);
  return out;
}

Task task_from_string(const std::string& s) {
  if (s == "binary") return Task::Binary;
  if (s == "multiclass") return Task::Multiclass;
  if (s == "regression") return Task::Regression;
  throw std::invalid_argument("unknown task '" + s + "' in the model document");
}

const ParamTable<TreeSplitParams>& tree_split_params_table() {
  using P = TreeSplitParams;
  static const ParamTable<P> table =
      ParamTable<P>()
          .choice("criterion", &P::criterion, "gini", {"gini", "entropy"},
                  "How a split is judged for classification: gini impurity or entropy (information gain). They "
                  "rarely differ much. Regression always uses squared error.")
          .integer("max_depth", &P::max_depth, 0, 0, 100,
                   "Deepest level the tree may grow to; 0 = no limit. A shallow tree (3-5) is easy to read but may "
                   "underfit; an unlimited tree memorises the training data.")
          .integer("min_samples_split", &P::min_samples_split, 2, 2, 100000,
                   "A node with fewer training rows than this is not split further.", true)
          .integer("min_samples_leaf", &P::min_samples_leaf, 1, 1, 100000,
                   "Every leaf keeps at least this many training rows. Raise it (e.g. 5-20) to smooth the tree and "
                   "reduce overfitting.",
                   true);
  return table;
}

CartParams cart_params(const TreeSplitParams& split, const std::string& max_features, size_t n_features, Task task) {
  CartParams cp;
  cp.criterion = criterion_for(split.criterion, task);
  cp.max_depth = split.max_depth;
  cp.min_samples_split = split.min_samples_split;
  cp.min_samples_leaf = split.min_samples_leaf;
  cp.max_features = resolve_max_features(max_features, n_features, task);
  return cp;
}

}  // namespace lab
