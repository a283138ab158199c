#include "core/math/cholesky.hpp"

#include <cmath>

namespace lab {

bool cholesky_solve(std::vector<double>& A, std::vector<double>& b, size_t k) {
  for (size_t j = 0; j < k; ++j) {
    double d = A[j * k + j];
    for (size_t p = 0; p < j; ++p) d -= A[j * k + p] * A[j * k + p];
    if (!(d > 0)) return false;
    d = std::sqrt(d);
    A[j * k + j] = d;
    for (size_t i = j + 1; i < k; ++i) {
      double s = A[i * k + j];
      for (size_t p = 0; p < j; ++p) s -= A[i * k + p] * A[j * k + p];
      A[i * k + j] = s / d;
    }
  }
  for (size_t i = 0; i < k; ++i) {  // L y = b
    double s = b[i];
    for (size_t p = 0; p < i; ++p) s -= A[i * k + p] * b[p];
    b[i] = s / A[i * k + i];
  }
  for (size_t i = k; i-- > 0;) {  // L^T x = y
    double s = b[i];
    for (size_t p = i + 1; p < k; ++p) s -= A[p * k + i] * b[p];
    b[i] = s / A[i * k + i];
  }
  return true;
}

}  // namespace lab
