#include "core/models/log_sum.hpp"

#include <cmath>

#include "core/math/det_math.hpp"

namespace lab {

void LogSum::normalize() {
  int e = 0;
  product_ = std::frexp(product_, &e);  // product_ in [0.5, 1)
  exponent_ += e;
  pending_ = 0;
}

double LogSum::total() {
  normalize();
  constexpr double kLn2 = 0.693147180559945309417232121458176568;
  return det::log(product_) + double(exponent_) * kLn2;
}

}  // namespace lab
