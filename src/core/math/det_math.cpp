#include "core/math/det_math.hpp"

#include <cmath>
#include <cstring>
#include <limits>

namespace lab::det {
namespace {

double from_bits(uint64_t b) { double d; std::memcpy(&d, &b, 8); return d; }
uint64_t to_bits(double d) { uint64_t b; std::memcpy(&b, &d, 8); return b; }

// 2^k for k in the normal exponent range, built from bits.
double pow2(int k) { return from_bits(uint64_t(k + 1023) << 52); }

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // ln2 split so k*kLn2Hi is exact
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;

}  // namespace

double exp(double x) {
  if (x != x) return x;
  if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
  if (x < -745.1332191019412) return 0.0;
  // x = k ln2 + r, |r| <= ln2/2; exp(x) = 2^k exp(r).
  double kd = x * kInvLn2;
  int k = int(kd < 0 ? kd - 0.5 : kd + 0.5);
  double hi = x - k * kLn2Hi;
  double lo = k * kLn2Lo;
  double r = hi - lo;
  // Remez-style rational form from fdlibm: exp(r) = 1 + 2r/(2 - R(r)), R(r) = r - r^2 P(r).
  double t = r * r;
  double c = r - t * (1.66666666666666019037e-01 +
                      t * (-2.77777777770155933842e-03 +
                           t * (6.61375632143793436117e-05 +
                                t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))));
  double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  if (k < -1021) return y * pow2(k + 1000) * pow2(-1000);
  if (k > 1023) return y * 2.0 * pow2(k - 1);
  return y * pow2(k);
}

double log(double x) {
  if (x != x || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (x == std::numeric_limits<double>::infinity()) return x;
  int k = 0;
  uint64_t b = to_bits(x);
  if ((b >> 52) == 0) {  // subnormal: scale into the normal range first
    x *= 18014398509481984.0;  // 2^54
    k -= 54;
    b = to_bits(x);
  }
  k += int(b >> 52) - 1023;
  double m = from_bits((b & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull);  // m in [1,2)
  if (m > 1.4142135623730951) { m *= 0.5; k += 1; }                          // m in [sqrt(.5), sqrt2)
  // log(m) = 2 atanh(s), s = (m-1)/(m+1), fdlibm's polynomial for the tail.
  double f = m - 1.0;
  double s = f / (2.0 + f);
  double z = s * s;
  double w = z * z;
  double t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
  double t2 = z * (6.666666666666735130e-01 +
                   w * (2.857142874366239149e-01 + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)));
  double R = t2 + t1;
  double hfsq = 0.5 * f * f;
  return k * kLn2Hi - ((hfsq - (s * (hfsq + R) + k * kLn2Lo)) - f);
}

double log1p_exp(double x) {
  if (x > 36.0) return x;  // exp(-x) below double precision of x
  if (x < -36.0) return exp(x);
  return x > 0 ? x + log(1.0 + exp(-x)) : log(1.0 + exp(x));
}

double sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + exp(-x));
  double e = exp(x);
  return e / (1.0 + e);
}

}  // namespace lab::det
