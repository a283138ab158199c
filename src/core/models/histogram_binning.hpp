#pragma once
// Maps each feature's raw values to at most 255 ordered bins (uint8), so tree learners search
// split points over bin histograms instead of sorted values. Bin b holds the values x with
// edge[b-1] < x <= edge[b]; a split "bin <= b" is therefore exactly "x <= edge[b]", which lets a
// trained tree predict from raw values. Missing values (NaN) fall in bin 0 and go left at every
// split, consistently in training and prediction.
#include <cstdint>
#include <vector>

#include "core/models/matrix.hpp"

namespace lab {

class FeatureBinner {
 public:
  static constexpr int kMaxBins = 255;
  static constexpr size_t kQuantileSampleRows = 200000;  // quantiles above this many rows: a strided sample

  // Edges from the training data: midpoints between neighbouring distinct values when a feature
  // has at most max_bins of them (exact, as scikit-learn's trees), else quantiles of the values.
  // Above 200k rows the quantiles are taken on an evenly strided subsample (as scikit-learn does).
  static FeatureBinner fit(const DenseMatrix& X, int max_bins = kMaxBins);

  size_t n_features() const { return edges_.size(); }
  int n_bins(size_t f) const { return int(edges_[f].size()) + 1; }
  // Upper edge of bin b (b < n_bins(f) - 1): the split threshold "x <= threshold(f, b)".
  double threshold(size_t f, int b) const { return edges_[f][size_t(b)]; }
  uint8_t bin(size_t f, double x) const;

  std::vector<uint8_t> bin_rows(const DenseMatrix& X) const;     // row-major, n x d
  std::vector<uint8_t> bin_columns(const DenseMatrix& X) const;  // column-major, d x n

  // The same, a feature at a time, for callers that spread the work over frames (a forest at a
  // million rows): feature f's edges as fit() finds them, added in feature order, and feature f's
  // bins (X.rows of them, its column of bin_columns).
  static std::vector<double> fit_edges(const DenseMatrix& X, size_t f, int max_bins = kMaxBins);
  void add_feature(std::vector<double> edges);
  void bin_column(const DenseMatrix& X, size_t f, uint8_t* out) const;
  void bin_column(const DenseMatrix& X, size_t f, uint8_t* out, size_t from, size_t to) const;  // rows [from, to)

 private:
  std::vector<std::vector<double>> edges_;
};

}  // namespace lab
