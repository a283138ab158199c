#include "core/models/histogram_tree_grower.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace lab {

namespace {
constexpr size_t kBinStride = 256;   // histogram cells per feature (bins are uint8)
constexpr double kMinGain = 1e-6;   // as XGBoost's kRtEps: smaller gains are rounding noise
}  // namespace

HistogramTreeGrower::HistogramTreeGrower(const FeatureBinner& binner, const uint8_t* bins_by_row,
                                         const uint8_t* bins_by_column, size_t n_rows, size_t n_features)
    : binner_(binner), bins_(bins_by_row), columns_(bins_by_column), n_rows_(n_rows), n_features_(n_features),
      ordered_(n_rows), scratch_(n_rows) {}

int HistogramTreeGrower::take_slot() {
  if (!free_slots_.empty()) {
    int s = free_slots_.back();
    free_slots_.pop_back();
    return s;
  }
  slots_.emplace_back(n_features_ * kBinStride);
  return int(slots_.size()) - 1;
}

// The hot loop: every row's (g, h) is added to one cell per feature. Each cell sums its rows in
// ascending row order in both variants, so they give the same bits.
void HistogramTreeGrower::build_histogram(GradPair* hist, const uint32_t* rows, size_t n, const GradPair* gh) {
  const size_t d = n_features_;
  std::memset(static_cast<void*>(hist), 0, sizeof(GradPair) * d * kBinStride);
  if (n * 64 >= n_rows_) {
    // Any but tiny nodes: feature by feature over blocks of rows, so the block's gathered
    // gradients stay in L2 and the feature's 4 KB histogram in L1 (cells still sum rows in
    // ascending order). Measured: ~25% faster than row by row down to nodes of 1/64 of the rows.
    constexpr size_t kBlock = 2048;
    if (n == n_rows_) {  // every row, in order (the root without subsampling): no gather needed
      for (int f : *features_) {
        const uint8_t* col = columns_ + size_t(f) * n_rows_;
        GradPair* hf = hist + size_t(f) * kBinStride;
        for (size_t i = 0; i < n; ++i) {
          GradPair& cell = hf[col[i]];
          cell.g += gh[i].g;
          cell.h += gh[i].h;
        }
      }
      return;
    }
    GradPair* o = ordered_.data();
    for (size_t b0 = 0; b0 < n; b0 += kBlock) {
      const size_t m = std::min(kBlock, n - b0);
      const uint32_t* rb = rows + b0;
      for (size_t i = 0; i < m; ++i) o[i] = gh[rb[i]];
      for (int f : *features_) {
        const uint8_t* col = columns_ + size_t(f) * n_rows_;
        GradPair* hf = hist + size_t(f) * kBinStride;
        for (size_t i = 0; i < m; ++i) {
          GradPair& cell = hf[col[rb[i]]];
          cell.g += o[i].g;
          cell.h += o[i].h;
        }
      }
    }
    return;
  }
  // Tiny node: row by row, one cache line of row-major bins per row instead of one per feature.
  if (features_->size() == d) {
    for (size_t i = 0; i < n; ++i) {
      const uint32_t r = rows[i];
      const double g = gh[r].g, h = gh[r].h;
      const uint8_t* b = bins_ + size_t(r) * d;
      for (size_t f = 0; f < d; ++f) {
        GradPair& cell = hist[f * kBinStride + b[f]];
        cell.g += g;
        cell.h += h;
      }
    }
    return;
  }
  const int* feats = features_->data();
  const size_t nf = features_->size();
  for (size_t i = 0; i < n; ++i) {
    const uint32_t r = rows[i];
    const double g = gh[r].g, h = gh[r].h;
    const uint8_t* b = bins_ + size_t(r) * d;
    for (size_t j = 0; j < nf; ++j) {
      const size_t f = size_t(feats[j]);
      GradPair& cell = hist[f * kBinStride + b[f]];
      cell.g += g;
      cell.h += h;
    }
  }
}

void HistogramTreeGrower::find_split(Candidate& c) const {
  const GradPair* hist = slots_[size_t(c.slot)].data();
  const double lambda = p_.reg_lambda, mcw = p_.min_child_weight;
  const double parent = c.G * c.G / (c.H + lambda);
  c.feature = -1;
  c.gain = kMinGain;
  for (int f : *features_) {
    const GradPair* hf = hist + size_t(f) * kBinStride;
    const int last = binner_.n_bins(size_t(f)) - 1;
    double GL = 0, HL = 0;
    for (int b = 0; b < last; ++b) {
      GL += hf[b].g;
      HL += hf[b].h;
      const double GR = c.G - GL, HR = c.H - HL;
      if (HL < mcw) continue;
      if (HR < mcw) break;
      const double gain = GL * GL / (HL + lambda) + GR * GR / (HR + lambda) - parent;
      if (gain > c.gain) {
        c.gain = gain;
        c.feature = f;
        c.bin = b;
        c.GL = GL;
        c.HL = HL;
      }
    }
  }
}

// Stable, so rows stay ascending inside each child (sequential memory access, same sums everywhere).
uint32_t HistogramTreeGrower::partition(std::vector<uint32_t>& rows, const Candidate& c) {
  const uint8_t* col = columns_ + size_t(c.feature) * n_rows_;
  const uint8_t bin = uint8_t(c.bin);
  uint32_t nl = c.begin, nr = 0;
  uint32_t* rw = rows.data();
  uint32_t* sc = scratch_.data();
  for (uint32_t i = c.begin; i < c.end; ++i) {
    const uint32_t r = rw[i];
    const bool left = col[r] <= bin;
    // Write to both places and advance one: no unpredictable branch.
    rw[nl] = r;
    sc[nr] = r;
    nl += left;
    nr += !left;
  }
  std::memcpy(rw + nl, sc, sizeof(uint32_t) * nr);
  return nl;
}

FlatTree HistogramTreeGrower::grow(const GradPair* gh, std::vector<uint32_t>& rows, const std::vector<int>& features,
                                   const BoostTreeParams& params, double* row_predictions) {
  start(gh, rows, features, params, row_predictions);
  grow_some(SIZE_MAX);
  return take();
}

void HistogramTreeGrower::start(const GradPair* gh, std::vector<uint32_t>& rows, const std::vector<int>& features,
                                const BoostTreeParams& params, double* row_predictions) {
  features_ = &features;
  p_ = params;
  gh_ = gh;
  rows_ = &rows;
  row_predictions_ = row_predictions;
  free_slots_.clear();
  for (size_t s = 0; s < slots_.size(); ++s) free_slots_.push_back(int(s));
  tree_ = FlatTree(1);
  open_.clear();
  head_ = 0;
  leaves_ = 1;
  started_ = true;
  rooted_ = false;
}

bool HistogramTreeGrower::grow_some(size_t work) {
  if (!started_) throw std::logic_error("grow_some() before start()");
  if (done()) return true;
  size_t spent = rooted_ ? 0 : grow_root();
  while (spent < work && !done()) spent += grow_node();
  return done();
}

FlatTree HistogramTreeGrower::take() {
  if (!done()) throw std::logic_error("the boosting tree is not grown yet");
  started_ = rooted_ = false;
  open_.clear();
  return std::move(tree_);
}

size_t HistogramTreeGrower::grow_root() {
  rooted_ = true;
  const std::vector<uint32_t>& rows = *rows_;
  Candidate root{0, 0, uint32_t(rows.size()), 0, 0, 0, -1};
  for (uint32_t r : rows) {
    root.G += gh_[r].g;
    root.H += gh_[r].h;
  }
  size_t spent = rows.size();
  if (can_split(0)) {
    root.slot = take_slot();
    build_histogram(slots_[size_t(root.slot)].data(), rows.data(), rows.size(), gh_);
    find_split(root);
    spent += rows.size() * features_->size();
  }
  open_ = {root};
  return spent;
}

size_t HistogramTreeGrower::grow_node() {
  std::vector<uint32_t>& rows = *rows_;
  const bool best_first = p_.max_leaves > 0;
  size_t pick = head_;
  if (best_first)
    for (size_t i = head_ + 1; i < open_.size(); ++i)
      if (open_[i].gain > open_[pick].gain) pick = i;
  std::swap(open_[head_], open_[pick]);
  Candidate c = open_[head_++];
  tree_.set_cover(c.node, c.H);
  if (c.feature < 0 || (best_first && leaves_ >= p_.max_leaves)) {
    const double w = -c.G / (c.H + p_.reg_lambda) * p_.learning_rate;
    tree_.make_leaf(c.node, &w);
    if (row_predictions_)
      for (uint32_t i = c.begin; i < c.end; ++i) row_predictions_[rows[i]] += w;
    if (c.slot >= 0) free_slots_.push_back(c.slot);
    return 1 + (c.end - c.begin);
  }
  const uint32_t mid = partition(rows, c);
  const int32_t left = tree_.split(c.node, c.feature, binner_.threshold(size_t(c.feature), c.bin));
  ++leaves_;
  size_t spent = 1 + (c.end - c.begin);
  Candidate L{left, c.begin, mid, c.depth + 1, c.GL, c.HL, -1};
  Candidate R{left + 1, mid, c.end, c.depth + 1, c.G - c.GL, c.H - c.HL, -1};
  if (can_split(c.depth + 1)) {
    Candidate& small = (mid - c.begin) <= (c.end - mid) ? L : R;
    Candidate& big = &small == &L ? R : L;
    small.slot = take_slot();
    big.slot = c.slot;
    GradPair* hs = slots_[size_t(small.slot)].data();
    GradPair* hb = slots_[size_t(big.slot)].data();
    build_histogram(hs, rows.data() + small.begin, small.end - small.begin, gh_);
    for (int f : *features_) {  // big = parent - small, in the parent's slot
      GradPair* b = hb + size_t(f) * kBinStride;
      const GradPair* s = hs + size_t(f) * kBinStride;
      for (size_t k = 0; k < kBinStride; ++k) {
        b[k].g -= s[k].g;
        b[k].h -= s[k].h;
      }
    }
    find_split(L);
    find_split(R);
    spent += (small.end - small.begin + 3 * kBinStride) * features_->size();
  } else {
    free_slots_.push_back(c.slot);
  }
  open_.push_back(L);
  open_.push_back(R);
  return spent;
}

}  // namespace lab
