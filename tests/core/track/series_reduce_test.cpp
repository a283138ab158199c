#include <catch2/catch.hpp>
#include <cmath>

#include "core/track/series_reduce.hpp"

using namespace lab;

TEST_CASE("min/max per pixel column keeps every spike of a long history") {
  std::vector<double> xs, ys;
  for (int i = 0; i < 10000; ++i) {
    xs.push_back(i);
    ys.push_back(i == 4321 ? 100.0 : 1.0 / (1 + i));
  }
  auto spans = downsample_min_max(xs, ys, 0, 9999, 500);
  REQUIRE(spans.size() == 500);
  double top = 0;
  for (const auto& s : spans) top = std::max(top, s.max);
  REQUIRE(top == 100.0);  // the single spike survives
  REQUIRE(spans.front().first == 1.0);
  REQUIRE(spans.back().last == ys.back());
  REQUIRE(downsample_min_max(xs, ys, 0, 0, 10).empty());
  std::vector<double> nan_ys = {1, NAN, 3};
  REQUIRE(downsample_min_max({0, 1, 2}, nan_ys, 0, 2, 3).size() == 2);
  // Fewer points than columns: one span per point.
  REQUIRE(downsample_min_max({0, 5, 10}, {1, 2, 3}, 0, 10, 800).size() == 3);
}

TEST_CASE("EMA smoothing is debiased and weight 0 is the identity") {
  std::vector<double> ys = {1, 1, 1, 1};
  auto s = smooth_ema(ys, 0.9);
  for (double v : s) REQUIRE(v == Approx(1.0));
  REQUIRE(smooth_ema({3, 5}, 0) == std::vector<double>{3, 5});
  auto step = smooth_ema({0, 10, 10, 10}, 0.5);
  REQUIRE(step[0] == 0);
  REQUIRE(step[1] > 5);
  REQUIRE(step[3] < 10);
}

TEST_CASE("histories are drawn in step order; group statistics") {
  std::vector<MetricPoint> h = {{1, 0.3, 3}, {2, 0.1, 1}, {3, 0.2, 2}};
  std::vector<double> xs, ys;
  history_xy(h, xs, ys);
  REQUIRE(xs == std::vector<double>{1, 2, 3});
  REQUIRE(ys == std::vector<double>{0.1, 0.2, 0.3});
  MeanStd m = mean_std({2, 4, 4, 4, 5, 5, 7, 9});
  REQUIRE(m.n == 8);
  REQUIRE(m.mean == 5);
  REQUIRE(m.std == Approx(2.138089935));
  REQUIRE(mean_std({1}).std == 0);
  double v = 0;
  REQUIRE(param_number("1e-3", v));
  REQUIRE(v == 0.001);
  REQUIRE_FALSE(param_number("gbdt", v));
  REQUIRE_FALSE(param_number("1.5x", v));
  REQUIRE_FALSE(param_number("", v));
}
