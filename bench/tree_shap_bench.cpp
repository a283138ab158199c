// TreeSHAP speed (bench/tree_shap.sh): one row and 1,000 rows of a 100-tree depth-6 hist GBDT on
// 20 features, single-threaded; then LIME per row on the same model (lime's defaults: 5000
// samples, quartile bins from the training rows, kernel weights, auto selection of 10 features,
// the weighted ridge). Prints two JSON lines.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/explain/lime_tabular.hpp"
#include "core/explain/tree_shap.hpp"
#include "core/math/rng.hpp"
#include "core/models/hist_gbdt.hpp"
#include "core/models/param_spec.hpp"

using namespace lab;

int main() {
  const size_t n = 20000, d = 20;
  Rng rng(7);
  DenseMatrix X(n, d);
  std::vector<double> y(n);
  for (size_t i = 0; i < n; ++i) {
    double z = 0;
    for (size_t j = 0; j < d; ++j) z += (X.at(i, j) = rng.normal()) * double(j % 5 + 1) * (j % 2 ? 1 : -1);
    y[i] = z + 2 * rng.normal() > 0 ? 1 : 0;
  }
  HistGBDT m(resolve_params(HistGBDT::param_specs(), {{"n_estimators", 100}, {"max_depth", 6}}));
  DenseMatrix none;
  std::vector<double> no_y;
  m.begin(X, y, none, no_y, {Task::Binary, 2, 1});
  while (!m.done()) m.step();
  size_t leaves = 0;
  for (const auto& t : m.trees()) leaves += t.n_leaves();

  std::vector<double> phi(d);
  auto explain_rows = [&](size_t rows) {
    double checksum = 0;
    for (size_t r = 0; r < rows; ++r) {
      std::fill(phi.begin(), phi.end(), 0.0);
      for (const auto& t : m.trees()) add_tree_shap(t, 0, X.row(r), 1.0, phi.data());
      checksum += phi[0];
    }
    return checksum;
  };
  using clock = std::chrono::steady_clock;
  explain_rows(10);  // warm up
  auto t0 = clock::now();
  const int one_row_reps = 200;
  double sink = 0;
  for (int k = 0; k < one_row_reps; ++k) sink += explain_rows(1);
  auto t1 = clock::now();
  sink += explain_rows(1000);
  auto t2 = clock::now();
  const double one_ms = std::chrono::duration<double, std::milli>(t1 - t0).count() / one_row_reps;
  const double thousand_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
  std::printf("{\"impl\": \"lab\", \"trees\": %zu, \"leaves\": %zu, \"features\": %zu, \"one_row_ms\": %.4f, "
              "\"rows_1000_ms\": %.2f, \"per_row_ms\": %.4f, \"checksum\": %.6g}\n",
              m.trees().size(), leaves, d, one_ms, thousand_ms, thousand_ms / 1000, sink);

  // LIME per row: the sampling, the model's 5000 answers and the surrogate fit (the command adds
  // the feature pipeline's transform of the samples; this model reads the matrix as it is).
  std::vector<std::string> names;
  std::vector<std::vector<double>> columns(d);
  for (size_t j = 0; j < d; ++j) {
    names.push_back("x" + std::to_string(j));
    for (size_t i = 0; i < n; ++i) columns[j].push_back(X.at(i, j));
  }
  const LimeDomain domain = LimeDomain::fit(names, columns, std::vector<std::vector<std::string>>(d));
  auto lime_row = [&](size_t r) {
    const std::vector<double> row(X.row(r), X.row(r) + d);
    const LimeNeighbourhood nb = lime_sample(domain, row, 5000, r);
    const DenseMatrix out = m.predict(nb.inverse);
    const LimeFit fit = lime_fit(nb.binary, out.data, lime_kernel_weights(nb.binary), 10, "auto");
    return fit.score;
  };
  lime_row(0);  // warm up
  const int lime_rows = 10;
  auto t3 = clock::now();
  double lime_sink = 0;
  for (int r = 1; r <= lime_rows; ++r) lime_sink += lime_row(size_t(r));
  auto t4 = clock::now();
  std::printf("{\"impl\": \"lab\", \"lime_samples\": 5000, \"lime_rows\": %d, \"lime_per_row_ms\": %.2f, \"score_sum\": %.6g}\n",
              lime_rows, std::chrono::duration<double, std::milli>(t4 - t3).count() / lime_rows, lime_sink);
  return 0;
}
