#include "core/eval/regression_metrics.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace lab {

namespace {
void check_sizes(const std::vector<double>& y, const std::vector<double>& p) {
  if (y.size() != p.size()) throw std::invalid_argument("true values and predictions differ in length");
  if (y.empty()) throw std::invalid_argument("no rows to score");
}
}  // namespace

double rmse(const std::vector<double>& y, const std::vector<double>& p) {
  check_sizes(y, p);
  double s = 0;
  for (size_t i = 0; i < y.size(); ++i) s += (y[i] - p[i]) * (y[i] - p[i]);
  return std::sqrt(s / double(y.size()));
}

double mae(const std::vector<double>& y, const std::vector<double>& p) {
  check_sizes(y, p);
  double s = 0;
  for (size_t i = 0; i < y.size(); ++i) s += std::fabs(y[i] - p[i]);
  return s / double(y.size());
}

double r2_score(const std::vector<double>& y, const std::vector<double>& p) {
  check_sizes(y, p);
  if (y.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  double mean = 0;
  for (double v : y) mean += v;
  mean /= double(y.size());
  double ss_res = 0, ss_tot = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    ss_res += (y[i] - p[i]) * (y[i] - p[i]);
    ss_tot += (y[i] - mean) * (y[i] - mean);
  }
  if (ss_tot == 0) return ss_res == 0 ? 1.0 : 0.0;
  return 1.0 - ss_res / ss_tot;
}

double mape(const std::vector<double>& y, const std::vector<double>& p) {
  check_sizes(y, p);
  const double eps = std::numeric_limits<double>::epsilon();
  double s = 0;
  for (size_t i = 0; i < y.size(); ++i) s += std::fabs(p[i] - y[i]) / std::fmax(std::fabs(y[i]), eps);
  return s / double(y.size());
}

}  // namespace lab
