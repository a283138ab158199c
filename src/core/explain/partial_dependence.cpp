#include "core/explain/partial_dependence.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace lab {

double mquantile(const std::vector<double>& x, double p) {
  const double n = double(x.size());
  if (x.empty()) throw std::invalid_argument("no values to take a quantile of");
  if (x.size() == 1) return x[0];
  const double alphap = 0.4, betap = 0.4;
  const double m = alphap + p * (1.0 - alphap - betap);
  const double aleph = n * p + m;
  const double k = std::floor(std::clamp(aleph, 1.0, n - 1));
  const double gamma = std::clamp(aleph - k, 0.0, 1.0);
  return (1.0 - gamma) * x[size_t(k) - 1] + gamma * x[size_t(k)];
}

std::vector<double> pdp_grid(const std::vector<double>& values, size_t resolution, double lo, double hi) {
  if (resolution < 2) throw std::invalid_argument("the grid needs at least 2 points");
  std::vector<double> sorted;
  for (double v : values)
    if (!std::isnan(v)) sorted.push_back(v);
  if (sorted.empty()) throw std::invalid_argument("the feature has no values in these rows (all missing)");
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> uniques = sorted;
  uniques.erase(std::unique(uniques.begin(), uniques.end()), uniques.end());
  if (uniques.size() < resolution) return uniques;
  const double a = mquantile(sorted, lo), b = mquantile(sorted, hi);
  // np.allclose(a, b): |a - b| <= 1e-8 + 1e-5 * |b|
  if (std::fabs(a - b) <= 1e-8 + 1e-5 * std::fabs(b))
    throw std::invalid_argument("the feature's 5th and 95th percentiles are equal: too little spread for a grid");
  // np.linspace(a, b, resolution): i * step + a, the last point exactly b.
  std::vector<double> grid(resolution);
  const double step = (b - a) / double(resolution - 1);
  for (size_t i = 0; i < resolution; ++i) grid[i] = double(i) * step + a;
  grid.back() = b;
  return grid;
}

PartialDependence partial_dependence(const std::vector<double>& grid,
                                     const std::function<std::vector<double>(double)>& answers) {
  PartialDependence pd;
  pd.grid = grid;
  for (size_t g = 0; g < grid.size(); ++g) {
    const std::vector<double> a = answers(grid[g]);
    if (a.empty()) throw std::invalid_argument("no rows to compute partial dependence on");
    if (g == 0) pd.ice.assign(a.size(), std::vector<double>(grid.size(), 0.0));
    if (a.size() != pd.ice.size())
      throw std::invalid_argument("the model answered " + std::to_string(a.size()) + " rows, expected " + std::to_string(pd.ice.size()));
    double sum = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      pd.ice[i][g] = a[i];
      sum += a[i];
    }
    pd.average.push_back(sum / double(a.size()));
  }
  return pd;
}

}  // namespace lab
