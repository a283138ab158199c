#pragma once
// Pieces of a tree learner's step that take long at a million rows, cut so each call does a
// bounded amount of work (Learner::step_part): binning the training matrix (a feature's edges,
// then its bins a run of rows at a time), and adding a grown tree's predictions to running sums a chunk of rows at a time. The results
// are those of FeatureBinner::fit/bin_columns and FlatTree::add_predictions on the whole matrix.
// Work is counted in row visits, the unit CartTreeGrower::grow takes.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/models/histogram_binning.hpp"
#include "core/models/matrix.hpp"
#include "core/models/row_parts.hpp"
#include "core/models/tree_model.hpp"

namespace lab {

// Row visits per part of a step (the same budget as every learner's parts).
inline constexpr size_t kTreeWorkPerPart = kWorkPerPart;

class ColumnBinning {
 public:
  void start(const DenseMatrix& X);
  bool done() const { return X_ == nullptr || next_ >= X_->cols; }
  // The next piece: a feature's edges, or its bins for a run of rows; returns the row visits spent.
  size_t bin_next();
  const FeatureBinner& binner() const { return binner_; }
  const std::vector<uint8_t>& bins() const { return bins_; }  // column-major, as bin_columns
  std::vector<uint8_t> take_bins() { return std::move(bins_); }
  void release_bins();

 private:
  const DenseMatrix* X_ = nullptr;
  size_t next_ = 0;       // the feature being binned
  bool has_edges_ = false;  // its edges are found, its rows are being binned
  RowParts rows_;
  FeatureBinner binner_;
  std::vector<uint8_t> bins_;
};

// Adds tree.add_predictions(X) (scale 1) to out, rows_per_call rows at a time.
class ChunkedPredictions {
 public:
  void start(const FlatTree& tree, const DenseMatrix& X, double* out);
  bool done() const { return next_ >= rows_; }
  size_t add_next(size_t work);  // returns the row visits spent

 private:
  const FlatTree* tree_ = nullptr;
  const DenseMatrix* X_ = nullptr;
  double* out_ = nullptr;
  size_t next_ = 0, rows_ = 0;
  size_t visits_per_row_ = 1;  // the cost of one prediction, from the tree's depth
};

}  // namespace lab
