#include "core/models/tree_cart_builder.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/math/det_math.hpp"

namespace lab {

namespace {

struct Split {
  int feature = -1;
  int bin = 0;
  double score = 0;
};

struct WorkItem {
  int32_t node;
  uint32_t begin, end;
  int depth;
};

// One node's search over features. Histogram stats per bin: classification [count, count of
// each class]; regression [count, sum of y].
class CartBuilder {
 public:
  CartBuilder(const CartData& d, const CartParams& p, Rng& rng)
      : d_(d), p_(p), rng_(rng), classify_(d.task != Task::Regression),
        stats_(classify_ ? size_t(d.n_classes) + 1 : 2), hist_(256 * stats_), left_(stats_), right_(stats_), node_(stats_),
        outputs_(classify_ ? size_t(d.n_classes) : 1), order_(d.n_features) {
    labels_.resize(d.n_rows);
    for (size_t i = 0; i < d.n_rows; ++i) labels_[i] = (*d.y)[i];
    for (size_t f = 0; f < d.n_features; ++f) order_[f] = int(f);
  }

  FlatTree grow(std::vector<uint32_t> rows) {
    rows_ = std::move(rows);
    scratch_.resize(rows_.size());
    FlatTree tree(int(outputs_.size()));
    std::vector<WorkItem> stack = {{0, 0, uint32_t(rows_.size()), 0}};
    while (!stack.empty()) {
      WorkItem w = stack.back();
      stack.pop_back();
      node_stats(w.begin, w.end);
      Split s;
      if (!must_be_leaf(w)) s = best_split(w.begin, w.end);
      if (s.feature < 0) {
        tree.make_leaf(w.node, leaf_outputs());
        continue;
      }
      uint32_t mid = partition(w.begin, w.end, s);
      int32_t left = tree.split(w.node, s.feature, d_.binner->threshold(size_t(s.feature), s.bin));
      stack.push_back({left + 1, mid, w.end, w.depth + 1});  // left is grown first, as in scikit-learn
      stack.push_back({left, w.begin, mid, w.depth + 1});
    }
    return tree;
  }

 private:
  void node_stats(uint32_t b, uint32_t e) {
    std::fill(node_.begin(), node_.end(), 0.0);
    ymin_ = INFINITY;
    ymax_ = -INFINITY;
    for (uint32_t i = b; i < e; ++i) {
      double y = labels_[rows_[i]];
      node_[0] += 1;
      if (classify_) node_[1 + size_t(y)] += 1;
      else node_[1] += y;
      ymin_ = std::min(ymin_, y);
      ymax_ = std::max(ymax_, y);
    }
  }

  bool must_be_leaf(const WorkItem& w) const {
    double n = node_[0];
    if (p_.max_depth > 0 && w.depth >= p_.max_depth) return true;
    if (n < p_.min_samples_split || n < 2.0 * p_.min_samples_leaf) return true;
    return ymin_ == ymax_;  // pure
  }

  const double* leaf_outputs() {
    if (classify_)
      for (size_t c = 0; c < outputs_.size(); ++c) outputs_[c] = node_[1 + c] / node_[0];
    else
      outputs_[0] = node_[1] / node_[0];
    return outputs_.data();
  }

  // Larger is better; the children's weighted impurity up to a constant of the node.
  double score(const double* l, const double* r) const {
    if (p_.criterion == SplitCriterion::SquaredError) return l[1] * l[1] / l[0] + r[1] * r[1] / r[0];
    double s = 0;
    const size_t k = stats_ - 1;
    if (p_.criterion == SplitCriterion::Gini) {
      double ls = 0, rs = 0;
      for (size_t c = 1; c <= k; ++c) {
        ls += l[c] * l[c];
        rs += r[c] * r[c];
      }
      return ls / l[0] + rs / r[0];
    }
    for (size_t c = 1; c <= k; ++c) {  // entropy: sum c log c - n log n, per child
      if (l[c] > 0) s += l[c] * det::log(l[c]);
      if (r[c] > 0) s += r[c] * det::log(r[c]);
    }
    return s - l[0] * det::log(l[0]) - r[0] * det::log(r[0]);
  }

  Split best_split(uint32_t b, uint32_t e) {
    Split best;
    bool found = false;
    const int want = p_.max_features > 0 ? p_.max_features : int(d_.n_features);
    int visited = 0;
    const size_t nf = d_.n_features;
    std::vector<double>& right = right_;
    // Draw features without replacement; like scikit-learn, features constant in this node do not
    // count, and the search goes on past max_features until some valid split is found.
    for (size_t t = 0; t < nf && (visited < want || !found); ++t) {
      if (want < int(nf)) std::swap(order_[t], order_[t + size_t(rng_.below(nf - t))]);
      const int f = order_[t];
      const uint8_t* col = d_.bins_by_column + size_t(f) * d_.n_rows;
      int lo = 255, hi = 0;
      for (uint32_t i = b; i < e; ++i) {
        int v = col[rows_[i]];
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
      if (lo == hi) continue;
      ++visited;
      double* h = hist_.data();
      std::fill(h + size_t(lo) * stats_, h + size_t(hi + 1) * stats_, 0.0);
      if (classify_) {
        for (uint32_t i = b; i < e; ++i) {
          uint32_t r = rows_[i];
          double* cell = h + size_t(col[r]) * stats_;
          cell[0] += 1;
          cell[1 + size_t(labels_[r])] += 1;
        }
      } else {
        for (uint32_t i = b; i < e; ++i) {
          uint32_t r = rows_[i];
          double* cell = h + size_t(col[r]) * stats_;
          cell[0] += 1;
          cell[1] += labels_[r];
        }
      }
      std::fill(left_.begin(), left_.end(), 0.0);
      for (int bin = lo; bin < hi; ++bin) {
        const double* cell = h + size_t(bin) * stats_;
        for (size_t s = 0; s < stats_; ++s) left_[s] += cell[s];
        if (cell[0] == 0) continue;  // same partition as the previous bin
        double nl = left_[0], nr = node_[0] - nl;
        if (nl < p_.min_samples_leaf) continue;
        if (nr < p_.min_samples_leaf) break;
        for (size_t s = 0; s < stats_; ++s) right[s] = node_[s] - left_[s];
        double sc = score(left_.data(), right.data());
        if (!found || sc > best.score) {
          best = {f, bin, sc};
          found = true;
        }
      }
    }
    return best;
  }

  // Stable: rows keep ascending order inside each child, so sums run in the same order everywhere.
  uint32_t partition(uint32_t b, uint32_t e, const Split& s) {
    const uint8_t* col = d_.bins_by_column + size_t(s.feature) * d_.n_rows;
    uint32_t nl = b, nr = 0;
    for (uint32_t i = b; i < e; ++i) {
      const uint32_t r = rows_[i];
      const bool left = col[r] <= s.bin;
      rows_[nl] = r;  // write to both places, advance one: no unpredictable branch
      scratch_[nr] = r;
      nl += left;
      nr += !left;
    }
    std::copy(scratch_.begin(), scratch_.begin() + nr, rows_.begin() + nl);
    return nl;
  }

  const CartData& d_;
  const CartParams& p_;
  Rng& rng_;
  bool classify_;
  size_t stats_;
  std::vector<double> hist_, left_, right_, node_, outputs_;
  std::vector<double> labels_;
  std::vector<int> order_;
  std::vector<uint32_t> rows_, scratch_;
  double ymin_ = 0, ymax_ = 0;
};

}  // namespace

FlatTree grow_cart_tree(const CartData& data, const CartParams& params, std::vector<uint32_t> rows, Rng& rng) {
  if (rows.empty()) throw std::invalid_argument("cannot grow a tree on zero rows");
  CartBuilder b(data, params, rng);
  return b.grow(std::move(rows));
}

int resolve_max_features(const std::string& choice, size_t n_features, Task task) {
  const double n = double(n_features);
  int k;
  if (choice == "all" || (choice == "auto" && task == Task::Regression)) k = int(n_features);
  else if (choice == "sqrt" || choice == "auto") k = int(std::sqrt(n));
  else if (choice == "log2") k = int(det::log(n) / det::log(2.0) + 1e-9);
  else throw std::invalid_argument("max_features must be all, sqrt, log2 or auto, got '" + choice + "'");
  return std::max(1, std::min(k, int(n_features)));
}

}  // namespace lab

namespace lab {
SplitCriterion criterion_for(const std::string& name, Task task) {
  if (task == Task::Regression) return SplitCriterion::SquaredError;
  if (name == "gini") return SplitCriterion::Gini;
  if (name == "entropy") return SplitCriterion::Entropy;
  throw std::invalid_argument("criterion must be gini or entropy, got '" + name + "'");
}
}  // namespace lab
