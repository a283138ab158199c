#pragma once
// Exact path-dependent TreeSHAP (Lundberg, Erion & Lee, "Consistent individualized feature
// attribution for tree ensembles", Algorithm 2): the Shapley values of one tree's output for one
// row, where a coalition S's value is the tree's expectation given x_S, taking the recorded
// training cover at every split on a feature outside S. One pass over the tree with a running
// "unique path" of the features met so far: O(leaves x depth^2) instead of O(2^features).
#include <cstddef>

#include "core/models/tree_model.hpp"

namespace lab {

// The tree's expectation with no feature known: leaves weighted by cover ratios down the path
// (the base value of its explanation). output: which of the leaf's outputs (class index or 0).
double tree_expected_output(const FlatTree& tree, int output);

// Adds scale x (Shapley value of each feature) of the tree's output `output` at row x into
// phi[0 .. n_features). x holds n_features values (NaN goes left, as in prediction).
// Throws std::invalid_argument when the tree has no recorded cover (a model saved before
// explanations existed: retrain it).
void add_tree_shap(const FlatTree& tree, int output, const double* x, double scale, double* phi);

}  // namespace lab
