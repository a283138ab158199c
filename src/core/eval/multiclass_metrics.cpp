#include "core/eval/multiclass_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/eval/metrics.hpp"
#include "core/math/det_math.hpp"

namespace lab {

namespace {
void check(const std::vector<double>& y, const DenseMatrix& P) {
  if (y.size() != P.rows) throw std::invalid_argument("labels and probability rows differ in number");
  if (y.empty()) throw std::invalid_argument("no rows to score");
  for (double v : y)
    if (!(v >= 0 && v < double(P.cols) && v == std::floor(v)))
      throw std::invalid_argument("class labels must be whole numbers 0 .. " + std::to_string(P.cols - 1));
}

struct PerClass {
  std::vector<double> precision, recall, f1, support;
  std::vector<bool> in_label_set;  // occurs in y or in the predictions
};

PerClass per_class(const std::vector<double>& y, const DenseMatrix& P) {
  auto cm = multiclass_confusion(y, P);
  const size_t k = P.cols;
  PerClass r;
  for (size_t c = 0; c < k; ++c) {
    double tp = double(cm[c][c]), actual = 0, predicted = 0;
    for (size_t o = 0; o < k; ++o) { actual += double(cm[c][o]); predicted += double(cm[o][c]); }
    double pr = predicted > 0 ? tp / predicted : 0.0, re = actual > 0 ? tp / actual : 0.0;
    r.precision.push_back(pr);
    r.recall.push_back(re);
    r.f1.push_back(pr + re > 0 ? 2 * pr * re / (pr + re) : 0.0);
    r.support.push_back(actual);
    r.in_label_set.push_back(actual > 0 || predicted > 0);
  }
  return r;
}
}  // namespace

std::vector<size_t> predicted_classes(const DenseMatrix& P) {
  std::vector<size_t> out(P.rows);
  for (size_t i = 0; i < P.rows; ++i) {
    size_t best = 0;
    for (size_t c = 1; c < P.cols; ++c)
      if (P.at(i, c) > P.at(i, best)) best = c;
    out[i] = best;
  }
  return out;
}

double multiclass_accuracy(const std::vector<double>& y, const DenseMatrix& P) {
  check(y, P);
  auto pred = predicted_classes(P);
  size_t right = 0;
  for (size_t i = 0; i < y.size(); ++i) right += pred[i] == size_t(y[i]);
  return double(right) / double(y.size());
}

std::vector<std::vector<size_t>> multiclass_confusion(const std::vector<double>& y, const DenseMatrix& P) {
  check(y, P);
  auto pred = predicted_classes(P);
  std::vector<std::vector<size_t>> cm(P.cols, std::vector<size_t>(P.cols, 0));
  for (size_t i = 0; i < y.size(); ++i) ++cm[size_t(y[i])][pred[i]];
  return cm;
}

AveragedScores macro_scores(const std::vector<double>& y, const DenseMatrix& P) {
  PerClass pc = per_class(y, P);
  AveragedScores a;
  double n = 0;
  for (size_t c = 0; c < P.cols; ++c) {
    if (!pc.in_label_set[c]) continue;
    a.precision += pc.precision[c];
    a.recall += pc.recall[c];
    a.f1 += pc.f1[c];
    n += 1;
  }
  a.precision /= n;
  a.recall /= n;
  a.f1 /= n;
  return a;
}

AveragedScores weighted_scores(const std::vector<double>& y, const DenseMatrix& P) {
  PerClass pc = per_class(y, P);
  AveragedScores a;
  double total = 0;
  for (size_t c = 0; c < P.cols; ++c) {
    a.precision += pc.precision[c] * pc.support[c];
    a.recall += pc.recall[c] * pc.support[c];
    a.f1 += pc.f1[c] * pc.support[c];
    total += pc.support[c];
  }
  a.precision /= total;
  a.recall /= total;
  a.f1 /= total;
  return a;
}

double multiclass_log_loss(const std::vector<double>& y, const DenseMatrix& P) {
  check(y, P);
  const double eps = std::numeric_limits<double>::epsilon();  // sklearn 1.2's eps="auto" for float64
  double sum = 0;
  for (size_t i = 0; i < P.rows; ++i) {
    double row = 0;
    for (size_t c = 0; c < P.cols; ++c) row += std::min(1.0 - eps, std::max(eps, P.at(i, c)));
    double q = std::min(1.0 - eps, std::max(eps, P.at(i, size_t(y[i])))) / row;
    sum -= det::log(q);
  }
  return sum / double(P.rows);
}

double ovr_macro_roc_auc(const std::vector<double>& y, const DenseMatrix& P) {
  check(y, P);
  double sum = 0;
  std::vector<double> is_c(y.size()), score(y.size());
  for (size_t c = 0; c < P.cols; ++c) {
    for (size_t i = 0; i < y.size(); ++i) {
      is_c[i] = size_t(y[i]) == c ? 1.0 : 0.0;
      score[i] = P.at(i, c);
    }
    sum += roc_auc(is_c, score);  // NaN when class c is absent from y (or is every row)
  }
  return sum / double(P.cols);
}

}  // namespace lab
