#include "core/eval/classification_metrics.hpp"

#include <stdexcept>

#include "core/eval/curves.hpp"

namespace lab {

namespace {
void check_sizes(const std::vector<double>& y, const std::vector<double>& p) {
  if (y.size() != p.size()) throw std::invalid_argument("labels and predictions differ in length");
  if (y.empty()) throw std::invalid_argument("no rows to score");
}
double ratio_or_zero(double a, double b) { return b > 0 ? a / b : 0.0; }
}  // namespace

ConfusionCounts confusion_at(const std::vector<double>& y, const std::vector<double>& p, double threshold) {
  check_sizes(y, p);
  ConfusionCounts c;
  for (size_t i = 0; i < y.size(); ++i) {
    bool actual = y[i] > 0.5, predicted = p[i] >= threshold;
    if (actual) (predicted ? c.tp : c.fn)++;
    else (predicted ? c.fp : c.tn)++;
  }
  return c;
}

double precision(const std::vector<double>& y, const std::vector<double>& p, double threshold) {
  ConfusionCounts c = confusion_at(y, p, threshold);
  return ratio_or_zero(double(c.tp), double(c.tp + c.fp));
}

double recall(const std::vector<double>& y, const std::vector<double>& p, double threshold) {
  ConfusionCounts c = confusion_at(y, p, threshold);
  return ratio_or_zero(double(c.tp), double(c.tp + c.fn));
}

double f1_score(const std::vector<double>& y, const std::vector<double>& p, double threshold) {
  double pr = precision(y, p, threshold), re = recall(y, p, threshold);
  return pr + re > 0 ? 2 * pr * re / (pr + re) : 0.0;
}

double brier_score(const std::vector<double>& y, const std::vector<double>& p) {
  check_sizes(y, p);
  double s = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    double e = p[i] - (y[i] > 0.5 ? 1.0 : 0.0);
    s += e * e;
  }
  return s / double(y.size());
}

double average_precision(const std::vector<double>& y, const std::vector<double>& p) {
  PrCurve c = precision_recall_curve(y, p);
  bool any_positive = false;
  for (double v : y) any_positive = any_positive || v > 0.5;
  if (!any_positive) return 0.0;
  double ap = 0;
  for (size_t i = 0; i + 1 < c.recall.size(); ++i) ap -= (c.recall[i + 1] - c.recall[i]) * c.precision[i];
  return ap;
}

}  // namespace lab
