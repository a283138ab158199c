#include "core/models/tree_model.hpp"

#include <algorithm>
#include <stdexcept>

namespace lab {

int FlatTree::depth() const {
  std::vector<int> d(nodes_.size(), 0);
  int best = 0;
  for (size_t i = 0; i < nodes_.size(); ++i) {  // children always come after their parent
    if (nodes_[i].feature < 0) continue;
    d[size_t(nodes_[i].left)] = d[size_t(nodes_[i].left) + 1] = d[i] + 1;
    best = std::max(best, d[i] + 1);
  }
  return best;
}

int32_t FlatTree::split(int32_t node, int32_t feature, double threshold) {
  int32_t left = int32_t(nodes_.size());
  nodes_[size_t(node)].feature = feature;
  nodes_[size_t(node)].threshold = threshold;
  nodes_[size_t(node)].left = left;
  nodes_.emplace_back();
  nodes_.emplace_back();
  return left;
}

void FlatTree::make_leaf(int32_t node, const double* outputs) {
  nodes_[size_t(node)].feature = -1;
  nodes_[size_t(node)].threshold = 0;
  nodes_[size_t(node)].left = int32_t(n_leaves());
  values_.insert(values_.end(), outputs, outputs + n_outputs_);
}

void FlatTree::set_cover(int32_t node, double weight) {
  if (cover_.size() < nodes_.size()) cover_.resize(nodes_.size(), 0.0);
  cover_[size_t(node)] = weight;
}

void FlatTree::add_predictions(const double* X, size_t rows, size_t cols, double scale, double* out) const {
  const size_t k = size_t(n_outputs_);
  for (size_t r = 0; r < rows; ++r) {
    const double* v = leaf_outputs(X + r * cols);
    double* o = out + r * k;
    for (size_t c = 0; c < k; ++c) o[c] += scale * v[c];
  }
}

int FlatTree::features_needed() const {
  int m = 0;
  for (const auto& n : nodes_) m = std::max(m, n.feature + 1);
  return m;
}

nlohmann::json FlatTree::to_json() const {
  std::vector<int32_t> feature, left;
  std::vector<double> threshold;
  for (const auto& n : nodes_) {
    feature.push_back(n.feature);
    left.push_back(n.left);
    threshold.push_back(n.threshold);
  }
  nlohmann::json j = {{"n_outputs", n_outputs_}, {"feature", feature}, {"left", left}, {"threshold", threshold},
                      {"values", values_}};
  if (has_cover()) j["cover"] = cover_;
  return j;
}

FlatTree FlatTree::from_json(const nlohmann::json& j) {
  FlatTree t(j.at("n_outputs").get<int>());
  auto feature = j.at("feature").get<std::vector<int32_t>>();
  auto left = j.at("left").get<std::vector<int32_t>>();
  auto threshold = j.at("threshold").get<std::vector<double>>();
  t.values_ = j.at("values").get<std::vector<double>>();
  if (t.n_outputs_ < 1 || feature.empty() || left.size() != feature.size() || threshold.size() != feature.size() ||
      t.values_.size() % size_t(t.n_outputs_) != 0)
    throw std::invalid_argument("a tree in the model document is malformed (array sizes disagree)");
  if (j.contains("cover")) {
    t.cover_ = j.at("cover").get<std::vector<double>>();
    if (t.cover_.size() != feature.size())
      throw std::invalid_argument("a tree in the model document is malformed (cover size disagrees)");
  }
  t.nodes_.resize(feature.size());
  const int32_t n = int32_t(feature.size()), leaves = int32_t(t.n_leaves());
  for (int32_t i = 0; i < n; ++i) {
    auto& node = t.nodes_[size_t(i)];
    node = {feature[size_t(i)], left[size_t(i)], threshold[size_t(i)]};
    // Children must come after their parent so that every traversal ends at a leaf.
    bool ok = node.feature >= 0 ? (node.left > i && node.left + 1 < n) : (node.left >= 0 && node.left < leaves);
    if (!ok) throw std::invalid_argument("a tree in the model document is malformed (bad child or leaf index)");
  }
  return t;
}

}  // namespace lab
