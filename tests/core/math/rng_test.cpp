#include <catch2/catch.hpp>
#include <cmath>

#include "core/math/rng.hpp"

using namespace lab;

TEST_CASE("the same seed gives the same stream; another seed another") {
  Rng a(7), b(7), c(8);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    uint64_t x = a.next_u64();
    REQUIRE(x == b.next_u64());
    differs = differs || x != c.next_u64();
  }
  REQUIRE(differs);
}

TEST_CASE("uniform and normal draws have the right moments") {
  Rng r(1);
  const int n = 200000;
  double su = 0, sn = 0, sn2 = 0;
  for (int i = 0; i < n; ++i) {
    double u = r.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    su += u;
    double z = r.normal();
    sn += z;
    sn2 += z * z;
  }
  REQUIRE(su / n == Approx(0.5).margin(0.005));
  REQUIRE(sn / n == Approx(0.0).margin(0.01));
  REQUIRE(sn2 / n == Approx(1.0).margin(0.015));  // ~5 standard errors at n = 200k
}

TEST_CASE("below(n) stays in range and covers it") {
  Rng r(3);
  int counts[5] = {0};
  for (int i = 0; i < 50000; ++i) {
    auto v = r.below(5);
    REQUIRE(v < 5);
    counts[v]++;
  }
  for (int c : counts) REQUIRE(c == Approx(10000).margin(400));
}
