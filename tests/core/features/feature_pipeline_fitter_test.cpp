// Fitting the feature pipeline one column per call (FeaturePipelineFitter), as a training job
// does so no frame waits for a whole table: the same pipeline as fitting it at once, and the
// median by selection is the sorted median, bit for bit, for odd and even counts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/features/feature_pipeline_fitter.hpp"
#include "core/math/rng.hpp"

using namespace lab;
using nlohmann::json;

namespace {
// Numbers with repeats, a few missing, negative and positive; and a category column.
Table mixed_table(size_t n, uint64_t seed) {
  Table t;
  Rng rng(seed);
  Column a, b, c;
  a.name = "a", b.name = "b", c.name = "c";
  c.type = ColumnType::Categorical;
  c.categories = {"x", "y", "z"};
  for (size_t i = 0; i < n; ++i) {
    a.values.push_back(i % 17 == 3 ? std::nan("") : std::round(rng.normal(50, 20) * 4) / 4);
    b.values.push_back(i % 5 == 0 ? std::nan("") : rng.normal() * 1e3);
    c.values.push_back(i % 11 == 0 ? std::nan("") : double(rng.below(3)));
  }
  t.columns = {a, b, c};
  return t;
}
// The median the way the pipeline took it before (a full sort), from the present values.
double sorted_median(const Column& c, const std::vector<size_t>& rows) {
  std::vector<double> v;
  for (size_t r : rows)
    if (!std::isnan(c.values[r])) v.push_back(c.values[r]);
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}
}  // namespace

TEST_CASE("fitting the pipeline a column per call gives the pipeline fit() gives, medians bit for bit") {
  const json spec = {{"derived", {{{"name", "a_over_b"}, {"op", "ratio"}, {"a", "a"}, {"b", "b"}}}},
                     {"bins", {{{"column", "b"}, {"n_bins", 4}}}}};
  for (size_t n : {size_t(2001), size_t(2000), size_t(7)}) {  // odd and even counts of present values
    Table t = mixed_table(n, n);
    std::vector<size_t> rows;
    for (size_t i = 0; i < n; i += 1 + i % 2) rows.push_back(i);
    FeaturePipelineFitter fitter(t, rows, {"a", "b", "c"}, spec);
    std::vector<std::string> units;
    while (!fitter.done()) units.push_back(fitter.fit_next());
    CHECK(units == std::vector<std::string>{"c", "a", "b", "a_over_b"});  // one column per call
    const json parts = fitter.finish().to_json();
    CHECK(parts == FeaturePipeline::fit(t, rows, {"a", "b", "c"}, spec).to_json());
    INFO(n << " rows");
    CHECK(parts["numeric"][0]["impute"].get<double>() == sorted_median(t.columns[0], rows));
  }
}

TEST_CASE("the pipeline's median of an even count is the mean of the two middle values, exactly") {
  Table t;
  Column x;
  x.name = "x";
  x.values = {9, 1, 4, 1e16, 2, 7, 3, 5};  // sorted: 1 2 3 4 5 7 9 1e16 -> (4 + 5) / 2
  t.columns = {x};
  const std::vector<size_t> all = {0, 1, 2, 3, 4, 5, 6, 7};
  CHECK(FeaturePipeline::fit(t, all, {"x"}).to_json()["numeric"][0]["impute"] == 4.5);
  CHECK(FeaturePipeline::fit(t, {0, 1, 2}, {"x"}).to_json()["numeric"][0]["impute"] == 4.0);
  // A zero median is +0 whichever zero sits in the middle (they compare equal when selected).
  x.values = {-0.0, 0.0, -0.0, 1.0, -1.0};
  t.columns = {x};
  const double m = FeaturePipeline::fit(t, {0, 1, 2, 3, 4}, {"x"}).to_json()["numeric"][0]["impute"].get<double>();
  CHECK(m == 0.0);
  CHECK_FALSE(std::signbit(m));
}

TEST_CASE("a pipeline spec is checked before any column is fitted") {
  Table t = mixed_table(50, 1);
  const std::vector<size_t> rows = {0, 1, 2, 3};
  CHECK_THROWS_WITH(FeaturePipelineFitter(t, rows, {"a", "b", "c"}, {{"bins", {{{"column", "c"}, {"n_bins", 3}}}}}),
                    Catch::Contains("'bins' names 'c', which is not a numeric feature"));
  CHECK_THROWS_WITH(FeaturePipelineFitter(t, rows, {"a", "b", "c"}, {{"bins", {{{"column", "a"}, {"n_bins", 1}}}}}),
                    Catch::Contains("needs n_bins"));
  FeaturePipelineFitter f(t, rows, {"a"}, json::object());
  CHECK_THROWS_WITH(f.finish(), Catch::Contains("not fitted yet"));
}

TEST_CASE("a numeric column of many rows is fitted in parts of bounded work, with the sums of one pass") {
  // 400,000 rows in a shuffled order: gathering, imputing and the scaling sums take several parts.
  const size_t n = 400000;
  Table t = mixed_table(n, 3);
  std::vector<size_t> rows;
  for (size_t i = 0; i < n; ++i) rows.push_back(i * 7919 % n);  // a permutation (7919 is prime)
  FeaturePipelineFitter fitter(t, rows, {"a", "b", "c"}, json::object());
  std::vector<std::string> units;
  while (!fitter.done()) units.push_back(fitter.fit_next());
  CHECK(std::count(units.begin(), units.end(), "a") > 3);
  CHECK(std::count(units.begin(), units.end(), "c") == 1);  // categories: one pass of counts
  const json fitted = fitter.finish().to_json();

  // Column a the way the fit did it at once: the median of the present values, then the mean
  // and the deviation of every (imputed) value in row order.
  const double median = sorted_median(t.columns[0], rows);
  double s = 0;
  for (size_t r : rows) s += std::isnan(t.columns[0].values[r]) ? median : t.columns[0].values[r];
  const double mean = s / double(n);
  double ss = 0;
  for (size_t r : rows) {
    const double x = std::isnan(t.columns[0].values[r]) ? median : t.columns[0].values[r];
    ss += (x - mean) * (x - mean);
  }
  const json& a = fitted["numeric"][0];
  CHECK(a["impute"].get<double>() == median);
  CHECK(a["mean"].get<double>() == mean);
  CHECK(a["scale"].get<double>() == std::sqrt(ss / double(n)));
}
