#pragma once
// Seeded random numbers with the same stream on every platform. std:: distributions are
// implementation-defined (libstdc++ and libc++ differ), so we draw our own from xoshiro256**.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace lab {

class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t next_u64();
  double uniform();                      // [0, 1)
  double uniform(double lo, double hi);  // [lo, hi)
  uint64_t below(uint64_t n);            // [0, n), unbiased
  double normal();                       // N(0, 1), Marsaglia polar method
  double normal(double mean, double sd) { return mean + sd * normal(); }
  bool bernoulli(double p) { return uniform() < p; }
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) {
      size_t j = size_t(below(i));
      T tmp = v[i - 1]; v[i - 1] = v[j]; v[j] = tmp;
    }
  }

 private:
  uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace lab
