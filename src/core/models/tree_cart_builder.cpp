#include "core/models/tree_cart_builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "core/math/det_math.hpp"

namespace lab {

struct CartSplit {
  int feature = -1;
  int bin = 0;
  double score = 0;
};

struct CartNode {
  int32_t node;
  uint32_t begin, end;
  int depth;
};

// Grows one tree depth first from a stack of nodes, resumably: grow(work) takes nodes off the
// stack and searches their features one at a time until about `work` row visits were spent, so a
// tree at a million rows can be spread over many frames. The nodes, the features tried and the
// random draws come in the same order however the work is cut, so the tree is the same.
// Histogram stats per bin: classification [count, count of each class]; regression [count, sum of y].
class CartBuilder {
 public:
  CartBuilder(const CartData& d, const CartParams& p, std::vector<uint32_t> rows, Rng& rng)
      : d_(d), p_(p), rng_(rng), classify_(d.task != Task::Regression),
        stats_(classify_ ? size_t(d.n_classes) + 1 : 2), hist_(256 * stats_), left_(stats_), right_(stats_), node_(stats_),
        outputs_(classify_ ? size_t(d.n_classes) : 1), labels_(d.y->data()), order_(d.n_features),
        rows_(std::move(rows)), scratch_(rows_.size()), tree_(int(outputs_.size())) {
    for (size_t f = 0; f < d.n_features; ++f) order_[f] = int(f);
    stack_.push_back({0, 0, uint32_t(rows_.size()), 0});
  }

  bool done() const { return stack_.empty() && !in_node_; }
  FlatTree take() { return std::move(tree_); }

  // Returns done().
  bool grow(size_t work) {
    size_t spent = 0;
    while (spent < work && !done()) {
      if (!in_node_) {
        work_ = stack_.back();
        stack_.pop_back();
        node_stats(work_.begin, work_.end);
        tree_.set_cover(work_.node, node_[0]);
        spent += work_.end - work_.begin;
        if (must_be_leaf(work_)) {
          tree_.make_leaf(work_.node, leaf_outputs());
          continue;
        }
        search_ = Search{};
        in_node_ = true;
      } else if (searching()) {
        spent += search_next_feature(work_.begin, work_.end);
      } else {
        spent += finish_node();
        in_node_ = false;
      }
    }
    return done();
  }

 private:
  // The split search of the current node, one feature per call: features are drawn without
  // replacement; like scikit-learn, features constant in this node do not count, and the search
  // goes on past max_features until some valid split is found.
  struct Search {
    size_t t = 0;
    int visited = 0;
    bool found = false;
    CartSplit best;
  };

  int wanted_features() const { return p_.max_features > 0 ? p_.max_features : int(d_.n_features); }
  bool searching() const { return search_.t < d_.n_features && (search_.visited < wanted_features() || !search_.found); }

  // A leaf when no split was found, else the two children go on the stack. Returns the rows visited.
  size_t finish_node() {
    const CartNode& w = work_;
    const CartSplit& s = search_.best;
    if (!search_.found || s.feature < 0) {
      tree_.make_leaf(w.node, leaf_outputs());
      return 0;
    }
    uint32_t mid = partition(w.begin, w.end, s);
    int32_t left = tree_.split(w.node, s.feature, d_.binner->threshold(size_t(s.feature), s.bin));
    stack_.push_back({left + 1, mid, w.end, w.depth + 1});  // left is grown first, as in scikit-learn
    stack_.push_back({left, w.begin, mid, w.depth + 1});
    return w.end - w.begin;
  }

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

  bool must_be_leaf(const CartNode& w) const {
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

  // Tries feature order_[t] (drawn now when only some features are tried). Returns rows visited.
  size_t search_next_feature(uint32_t b, uint32_t e) {
    Search& st = search_;
    const size_t nf = d_.n_features;
    const size_t t = st.t++;
    if (wanted_features() < int(nf)) std::swap(order_[t], order_[t + size_t(rng_.below(nf - t))]);
    const int f = order_[t];
    const uint8_t* col = d_.bins_by_column + size_t(f) * d_.n_rows;
    int lo = 255, hi = 0;
    for (uint32_t i = b; i < e; ++i) {
      int v = col[rows_[i]];
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    if (lo == hi) return e - b;
    ++st.visited;
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
    std::vector<double>& right = right_;
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
      if (!st.found || sc > st.best.score) {
        st.best = {f, bin, sc};
        st.found = true;
      }
    }
    return 2 * size_t(e - b);
  }

  // Stable: rows keep ascending order inside each child, so sums run in the same order everywhere.
  uint32_t partition(uint32_t b, uint32_t e, const CartSplit& s) {
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

  const CartData d_;  // copies: the caller's may be gone between two grow() calls
  const CartParams p_;
  Rng& rng_;
  bool classify_;
  size_t stats_;
  std::vector<double> hist_, left_, right_, node_, outputs_;  // node_: the current node's stats
  const double* labels_;
  std::vector<int> order_;
  std::vector<uint32_t> rows_, scratch_;
  double ymin_ = 0, ymax_ = 0;
  FlatTree tree_;
  std::vector<CartNode> stack_;
  CartNode work_{};       // the node being split
  bool in_node_ = false;  // work_ is being searched or split
  Search search_;
};

CartTreeGrower::CartTreeGrower(const CartData& data, const CartParams& params, std::vector<uint32_t> rows, Rng& rng) {
  if (rows.empty()) throw std::invalid_argument("cannot grow a tree on zero rows");
  builder_ = std::make_unique<CartBuilder>(data, params, std::move(rows), rng);
}
CartTreeGrower::~CartTreeGrower() = default;
CartTreeGrower::CartTreeGrower(CartTreeGrower&&) noexcept = default;
CartTreeGrower& CartTreeGrower::operator=(CartTreeGrower&&) noexcept = default;
bool CartTreeGrower::grow(size_t work) { return builder_->grow(std::max<size_t>(work, 1)); }
bool CartTreeGrower::done() const { return builder_->done(); }
FlatTree CartTreeGrower::take() {
  if (!done()) throw std::logic_error("the tree is not grown yet");
  return builder_->take();
}

FlatTree grow_cart_tree(const CartData& data, const CartParams& params, std::vector<uint32_t> rows, Rng& rng) {
  CartTreeGrower g(data, params, std::move(rows), rng);
  g.grow(SIZE_MAX);
  return g.take();
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
