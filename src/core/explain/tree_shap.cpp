#include "core/explain/tree_shap.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace lab {
namespace {

// One element of the unique path: a feature met on the way down, the share of cover that
// follows this branch when the feature is unknown (zero) / whether x itself follows it (one),
// and the permutation weight of paths of each coalition size.
struct PathElement {
  int feature = -1;
  double zero = 1, one = 1, weight = 0;
};

void require_cover(const FlatTree& tree) {
  if (!tree.has_cover())
    throw std::invalid_argument(
        "this tree model was saved before the lab recorded node cover, which exact TreeSHAP needs; retrain the run "
        "to explain it");
}

class TreeShapWalker {
 public:
  TreeShapWalker(const FlatTree& tree, int output, const double* x, double scale, double* phi)
      : tree_(tree), output_(output), x_(x), scale_(scale), phi_(phi) {
    const size_t depth = size_t(tree.depth()) + 2;
    // Each recursion level keeps its own copy of the path (the paper's m), laid out in one buffer.
    buffer_.resize(depth * (depth + 1) / 2 + depth);
  }

  void run() { recurse(0, buffer_.data(), 0, 1.0, 1.0, -1); }

 private:
  // path[0 .. length) is the parent's path (already copied into this level's slot by the caller).
  void recurse(size_t node, PathElement* path, size_t length, double zero, double one, int feature) {
    extend(path, length, zero, one, feature);
    ++length;
    const TreeNode& n = tree_.node(node);
    if (n.feature < 0) {
      const double value = tree_.outputs_of_leaf(n)[output_];
      for (size_t i = 1; i < length; ++i) {
        const double w = unwound_sum(path, length - 1, i);
        phi_[path[i].feature] += scale_ * w * (path[i].one - path[i].zero) * value;
      }
      return;
    }
    const size_t left = size_t(n.left);
    const size_t hot = left + size_t(x_[n.feature] > n.threshold), cold = hot == left ? left + 1 : left;
    const double cover = tree_.cover(node);
    double incoming_zero = 1, incoming_one = 1;
    // A feature split on twice along the path keeps one element: take the earlier one out.
    for (size_t k = 1; k < length; ++k)
      if (path[k].feature == n.feature) {
        incoming_zero = path[k].zero;
        incoming_one = path[k].one;
        unwind(path, length - 1, k);
        --length;
        break;
      }
    for (size_t child : {hot, cold}) {
      const double zero_share = cover > 0 ? incoming_zero * tree_.cover(child) / cover : 0.0;
      const double one_share = child == hot ? incoming_one : 0.0;
      if (zero_share == 0 && one_share == 0) continue;  // no weight reaches it: contributes exactly 0
      PathElement* next = path + length;
      std::copy(path, path + length, next);
      recurse(child, next, length, zero_share, one_share, n.feature);
    }
  }

  // The path had elements [0, d); append one and update the weights of every coalition size.
  static void extend(PathElement* path, size_t d, double zero, double one, int feature) {
    path[d] = {feature, zero, one, d == 0 ? 1.0 : 0.0};
    for (size_t i = d; i-- > 0;) {
      path[i + 1].weight += one * path[i].weight * double(i + 1) / double(d + 1);
      path[i].weight = zero * path[i].weight * double(d - i) / double(d + 1);
    }
  }

  // Inverse of extend for element k of a path with elements [0, d]; the path shrinks by one.
  static void unwind(PathElement* path, size_t d, size_t k) {
    const double one = path[k].one, zero = path[k].zero;
    double next = path[d].weight;
    for (size_t j = d; j-- > 0;) {
      if (one != 0) {
        const double kept = path[j].weight;
        path[j].weight = next * double(d + 1) / (double(j + 1) * one);
        next = kept - path[j].weight * zero * double(d - j) / double(d + 1);
      } else {
        path[j].weight = path[j].weight * double(d + 1) / (zero * double(d - j));
      }
    }
    for (size_t j = k; j < d; ++j) {
      path[j].feature = path[j + 1].feature;
      path[j].zero = path[j + 1].zero;
      path[j].one = path[j + 1].one;
    }
  }

  // The total weight the path would have with element k unwound, without changing it.
  static double unwound_sum(const PathElement* path, size_t d, size_t k) {
    const double one = path[k].one, zero = path[k].zero;
    double total = 0;
    if (one != 0) {
      double next = path[d].weight;
      for (size_t j = d; j-- > 0;) {
        const double w = next * double(d + 1) / (double(j + 1) * one);
        total += w;
        next = path[j].weight - w * zero * double(d - j) / double(d + 1);
      }
    } else {
      for (size_t j = d; j-- > 0;) total += path[j].weight * double(d + 1) / (zero * double(d - j));
    }
    return total;
  }

  const FlatTree& tree_;
  int output_;
  const double* x_;
  double scale_;
  double* phi_;
  std::vector<PathElement> buffer_;
};

double expected_below(const FlatTree& tree, size_t node, int output) {
  const TreeNode& n = tree.node(node);
  if (n.feature < 0) return tree.outputs_of_leaf(n)[output];
  const size_t left = size_t(n.left);
  const double cover = tree.cover(node);
  if (cover <= 0) return 0.0;
  return (tree.cover(left) * expected_below(tree, left, output) +
          tree.cover(left + 1) * expected_below(tree, left + 1, output)) /
         cover;
}

}  // namespace

double tree_expected_output(const FlatTree& tree, int output) {
  require_cover(tree);
  return expected_below(tree, 0, output);
}

void add_tree_shap(const FlatTree& tree, int output, const double* x, double scale, double* phi) {
  require_cover(tree);
  TreeShapWalker(tree, output, x, scale, phi).run();
}

}  // namespace lab
