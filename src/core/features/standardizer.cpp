#include "core/features/standardizer.hpp"

#include <cmath>

namespace lab {

Standardizer Standardizer::fit(const DenseMatrix& X) {
  Standardizer s;
  s.mean.assign(X.cols, 0.0);
  s.scale.assign(X.cols, 1.0);
  if (X.rows == 0) return s;
  for (size_t i = 0; i < X.rows; ++i)
    for (size_t j = 0; j < X.cols; ++j) s.mean[j] += X.at(i, j);
  for (double& m : s.mean) m /= double(X.rows);
  std::vector<double> var(X.cols, 0.0);
  for (size_t i = 0; i < X.rows; ++i)
    for (size_t j = 0; j < X.cols; ++j) {
      double d = X.at(i, j) - s.mean[j];
      var[j] += d * d;
    }
  for (size_t j = 0; j < X.cols; ++j) {
    double sd = std::sqrt(var[j] / double(X.rows));  // population sd, as sklearn's StandardScaler
    s.scale[j] = sd > 0 ? sd : 1.0;                  // constant column: leave it centred at 0
  }
  return s;
}

void Standardizer::apply(DenseMatrix& X) const {
  for (size_t i = 0; i < X.rows; ++i) {
    double* r = X.row(i);
    for (size_t j = 0; j < X.cols; ++j) r[j] = (r[j] - mean[j]) / scale[j];
  }
}

}  // namespace lab
