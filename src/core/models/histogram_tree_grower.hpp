#pragma once
// Grows one gradient-boosting regression tree on 255-bin features from per-row gradients and
// hessians (XGBoost's "hist" method): each node keeps a histogram of (sum g, sum h) per feature
// bin; a split is the bin boundary with the largest gain
//     GL^2/(HL+lambda) + GR^2/(HR+lambda) - G^2/(H+lambda),
// and only the smaller child's histogram is built from rows; the larger one is the parent's
// minus it (the subtraction trick). Leaves hold -G/(H+lambda) * learning_rate.
#include <cstdint>
#include <vector>

#include "core/models/histogram_binning.hpp"
#include "core/models/tree_model.hpp"

namespace lab {

struct GradPair {
  double g = 0, h = 0;
};

struct BoostTreeParams {
  int max_depth = 6;         // 0: no limit (then max_leaves must bound the tree)
  int max_leaves = 0;        // 0: no limit; > 0 grows best-gain-first up to this many leaves
  double min_child_weight = 1.0;  // least hessian sum in each child
  double reg_lambda = 1.0;   // L2 penalty on leaf values
  double learning_rate = 0.3;
};

class HistogramTreeGrower {
 public:
  // The same bins in both layouts (binner.bin_rows() and bin_columns()); both must outlive the
  // grower. Row-major serves histograms of tiny scattered nodes (one cache line per row),
  // column-major serves all other nodes (a 4 KB per-feature histogram that stays in L1) and
  // the row partition (one byte per row read).
  HistogramTreeGrower(const FeatureBinner& binner, const uint8_t* bins_by_row, const uint8_t* bins_by_column,
                      size_t n_rows, size_t n_features);

  // rows: ascending training rows this tree sees (reordered in place); features: ascending
  // columns it may split on. Adds each row's leaf value to row_predictions[row] for those rows.
  FlatTree grow(const GradPair* gh, std::vector<uint32_t>& rows, const std::vector<int>& features,
                const BoostTreeParams& params, double* row_predictions);

  // The same tree grown a bounded amount of work per call (Learner::step_part at a million rows):
  // start() takes grow()'s arguments (they must outlive the tree), then grow_some(work) handles
  // nodes until about `work` row visits were spent; the nodes are split in the same order, so
  // the tree and the predictions are grow()'s. take() after done().
  void start(const GradPair* gh, std::vector<uint32_t>& rows, const std::vector<int>& features,
             const BoostTreeParams& params, double* row_predictions);
  bool grow_some(size_t work);  // returns done()
  bool done() const { return rooted_ && head_ >= open_.size(); }
  FlatTree take();

 private:
  struct Candidate {
    int32_t node;
    uint32_t begin, end;
    int depth;
    double G, H;
    int slot;          // histogram slot, -1 when the node cannot split
    int feature = -1;  // best split, -1: none
    int bin = 0;
    double gain = 0, GL = 0, HL = 0;
  };

  bool can_split(int depth) const { return p_.max_depth == 0 || depth < p_.max_depth; }
  size_t grow_root();
  size_t grow_node();  // the next open node: a leaf or a split; returns the row visits spent
  int take_slot();
  void build_histogram(GradPair* hist, const uint32_t* rows, size_t n, const GradPair* gh);
  void find_split(Candidate& c) const;
  uint32_t partition(std::vector<uint32_t>& rows, const Candidate& c);

  const FeatureBinner& binner_;
  const uint8_t* bins_;
  const uint8_t* columns_;
  size_t n_rows_, n_features_;
  std::vector<GradPair> ordered_;  // a large node's (g, h) gathered in row order
  std::vector<std::vector<GradPair>> slots_;  // n_features x 256 histograms, reused across nodes
  std::vector<int> free_slots_;
  std::vector<uint32_t> scratch_;
  // Per-tree settings and the tree being grown.
  const std::vector<int>* features_ = nullptr;
  BoostTreeParams p_;
  const GradPair* gh_ = nullptr;
  std::vector<uint32_t>* rows_ = nullptr;
  double* row_predictions_ = nullptr;
  FlatTree tree_;
  std::vector<Candidate> open_;
  size_t head_ = 0;  // depth-wise: open_[head_..] is a FIFO queue
  int leaves_ = 1;
  bool started_ = false, rooted_ = false;
};

}  // namespace lab
