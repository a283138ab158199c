#include "core/models/tree_step_parts.hpp"

#include <algorithm>

namespace lab {

namespace {
// Costs in row visits, the unit of CartTreeGrower::grow (a histogram update over one row):
// binning a row of a feature is a binary search over up to 255 edges, plus its share of sorting
// the column's sample for the edges; a prediction walks a tree from the root to a leaf, a cache
// miss per level on a deep tree.
constexpr size_t kVisitsPerBinnedValue = 16;
constexpr size_t kVisitsPerTreeLevel = 4;
}  // namespace

void ColumnBinning::start(const DenseMatrix& X) {
  X_ = &X;
  next_ = 0;
  has_edges_ = false;
  binner_ = FeatureBinner();
  bins_.assign(X.rows * X.cols, 0);
}

size_t ColumnBinning::bin_next() {
  const size_t f = next_, n = X_->rows;
  if (!has_edges_) {  // sorts a sample of at most 200k values (FeatureBinner::fit_edges)
    binner_.add_feature(FeatureBinner::fit_edges(*X_, f));
    has_edges_ = true;
    rows_.start(n, kVisitsPerBinnedValue);
    return kVisitsPerBinnedValue * std::min(n, FeatureBinner::kQuantileSampleRows);
  }
  const RowRange r = rows_.next();
  binner_.bin_column(*X_, f, bins_.data() + f * n, r.from, r.to);
  if (rows_.done()) ++next_, has_edges_ = false;
  return kVisitsPerBinnedValue * r.size();
}

void ColumnBinning::release_bins() {
  bins_.clear();
  bins_.shrink_to_fit();
}

void ChunkedPredictions::start(const FlatTree& tree, const DenseMatrix& X, double* out) {
  tree_ = &tree;
  X_ = &X;
  out_ = out;
  next_ = 0;
  rows_ = X.rows;
  visits_per_row_ = kVisitsPerTreeLevel * size_t(tree.depth() + 1);
}

size_t ChunkedPredictions::add_next(size_t work) {
  const size_t per_row = visits_per_row_;
  const size_t from = next_, to = std::min(rows_, from + std::max<size_t>(1, work / per_row));
  const size_t k = size_t(tree_->n_outputs());
  tree_->add_predictions(X_->row(from), to - from, X_->cols, 1.0, out_ + from * k);
  next_ = to;
  return (to - from) * per_row;
}

}  // namespace lab
