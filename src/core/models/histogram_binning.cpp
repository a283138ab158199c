#include "core/models/histogram_binning.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lab {

namespace {
constexpr size_t kQuantileSampleRows = 200000;

std::vector<double> edges_for(std::vector<double> v, int max_bins) {
  std::vector<double> edges;
  if (v.empty()) return edges;
  std::sort(v.begin(), v.end());  // values only (no NaN here): the result is the same everywhere
  std::vector<double> distinct;
  for (double x : v)
    if (distinct.empty() || x != distinct.back()) distinct.push_back(x);
  if (distinct.size() <= size_t(max_bins)) {
    for (size_t i = 1; i < distinct.size(); ++i) {
      double mid = 0.5 * (distinct[i - 1] + distinct[i]);
      // Neighbouring floats can round the midpoint up onto the larger value; keep it below.
      edges.push_back(mid == distinct[i] ? distinct[i - 1] : mid);
    }
    return edges;
  }
  const size_t m = v.size();
  for (int i = 1; i < max_bins; ++i) {
    double e = v[size_t(i) * m / size_t(max_bins)];
    if ((edges.empty() || e > edges.back()) && e < distinct.back()) edges.push_back(e);
  }
  return edges;
}
}  // namespace

FeatureBinner FeatureBinner::fit(const DenseMatrix& X, int max_bins) {
  if (max_bins < 2 || max_bins > kMaxBins)
    throw std::invalid_argument("the number of bins must be between 2 and 255");
  FeatureBinner b;
  b.edges_.resize(X.cols);
  const size_t stride = X.rows > kQuantileSampleRows ? (X.rows + kQuantileSampleRows - 1) / kQuantileSampleRows : 1;
  std::vector<double> col;
  for (size_t f = 0; f < X.cols; ++f) {
    col.clear();
    for (size_t i = 0; i < X.rows; i += stride) {
      double x = X.at(i, f);
      if (!std::isnan(x)) col.push_back(x);
    }
    b.edges_[f] = edges_for(col, max_bins);
  }
  return b;
}

uint8_t FeatureBinner::bin(size_t f, double x) const {
  if (std::isnan(x)) return 0;
  const auto& e = edges_[f];
  return uint8_t(std::lower_bound(e.begin(), e.end(), x) - e.begin());  // first edge >= x
}

std::vector<uint8_t> FeatureBinner::bin_rows(const DenseMatrix& X) const {
  if (X.cols != edges_.size()) throw std::invalid_argument("binning: the data has a different number of features");
  std::vector<uint8_t> out(X.rows * X.cols);
  for (size_t i = 0; i < X.rows; ++i)
    for (size_t f = 0; f < X.cols; ++f) out[i * X.cols + f] = bin(f, X.at(i, f));
  return out;
}

std::vector<uint8_t> FeatureBinner::bin_columns(const DenseMatrix& X) const {
  if (X.cols != edges_.size()) throw std::invalid_argument("binning: the data has a different number of features");
  std::vector<uint8_t> out(X.rows * X.cols);
  for (size_t f = 0; f < X.cols; ++f)
    for (size_t i = 0; i < X.rows; ++i) out[f * X.rows + i] = bin(f, X.at(i, f));
  return out;
}

}  // namespace lab
