#pragma once
// Permutation importance (Breiman; scikit-learn's sklearn.inspection.permutation_importance):
// how much a model's score on held-out rows drops when one feature's values are shuffled across
// the rows, breaking its link to the target. A feature is a group of the model's columns
// shuffled together (a one-hot group moves as one participant column). Per group, as
// scikit-learn does: one working copy of the rows, and each repeat shuffles the running index
// order again and reorders the group's columns by it (shuffles compound across repeats).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/models/matrix.hpp"

namespace lab {

struct PermutationImportance {
  std::vector<std::string> names;  // one per group
  std::vector<double> mean, std;   // drop in score (baseline - permuted), over repeats; std with ddof 0
  std::vector<std::vector<double>> drops;  // per group, per repeat
  double baseline = 0;
};

// Score of the model on rows X (higher is better), e.g. ROC AUC of its predictions.
using RowsScore = std::function<double(const DenseMatrix& X)>;
// Shuffles `order` in place for group g, repeat r (order carries over between repeats).
using Shuffle = std::function<void(size_t group, int repeat, std::vector<size_t>& order)>;

// A seeded shuffle: group g draws from its own stream (seed, g), so adding a group changes no
// other group's numbers.
Shuffle seeded_shuffle(uint64_t seed);

// Throws std::invalid_argument for no rows, repeats < 1 or a column outside X.
PermutationImportance permutation_importance(const DenseMatrix& X, const std::vector<std::string>& names,
                                             const std::vector<std::vector<size_t>>& groups, const RowsScore& score,
                                             int repeats, const Shuffle& shuffle);

// Groups of column indices sharing a source name (FeaturePipeline::output_sources), in order of
// first appearance; names receives the sources.
std::vector<std::vector<size_t>> groups_by_source(const std::vector<std::string>& sources, std::vector<std::string>& names);

}  // namespace lab
