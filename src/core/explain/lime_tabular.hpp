#pragma once
// LIME for tabular data with the defaults of the lime package's LimeTabularExplainer
// (lime_tabular.py, lime_base.py, discretize.py; ../shared/reference/BROWSER-ML-ANCHORS.md §5):
// numeric columns cut at their training quartiles, every column then treated as categorical,
// 5000 samples drawn from the training frequencies, a binary "same bin as the row" matrix,
// kernel sqrt(exp(-d^2 / w^2)) with w = 0.75 * sqrt(n_features), `auto` feature selection and a
// weighted Ridge(alpha=1) surrogate whose weighted R^2 is the explanation's fidelity score.
//
// Split in three so each can be checked on its own: the training statistics (LimeDomain), the
// seeded neighbourhood (lime_sample), and the deterministic surrogate fit (lime_fit), which
// tests/reference/lime_reference.py recomputes with scikit-learn's Ridge.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/models/matrix.hpp"

namespace lab {

// One column as LIME sees it after discretising. Values are doubles: numeric values, or the
// category's index for categorical columns (NaN = missing).
struct LimeFeature {
  std::string name;
  bool categorical = false;
  std::vector<std::string> categories;  // categorical: names by index
  // Numeric: the distinct training quartiles (np.unique of np.percentile 25/50/75), and per bin
  // (edges.size() + 1 bins) the training values' mean, std (+1e-11), lower and upper bound.
  std::vector<double> edges, bin_mean, bin_std, bin_min, bin_max;
  // The bins or category indices seen in training, ascending, and their shares (sum 1).
  std::vector<double> values, shares;

  double code_of(double x) const;        // the bin (np.searchsorted, left) or the category index
  std::string describe(double code) const;  // "tenure <= 9.00", "9.00 < tenure <= 29.00", "Contract = Two year"
};

struct LimeDomain {
  std::vector<LimeFeature> features;
  // columns[f]: the training values of feature f (numeric values or category indices).
  static LimeDomain fit(const std::vector<std::string>& names, const std::vector<std::vector<double>>& columns,
                        const std::vector<std::vector<std::string>>& categories);  // empty list = numeric
};

struct LimeNeighbourhood {
  DenseMatrix binary;   // 1 where the sample is in the row's bin or category; row 0 is the row itself
  DenseMatrix inverse;  // the samples in the participant's units, what the model is asked about
};
// num_samples rows: each column's bin or category drawn from the training shares; numeric values
// rebuilt from their bin by a truncated normal (the bin's mean and std, cut at its bounds).
LimeNeighbourhood lime_sample(const LimeDomain& d, const std::vector<double>& row, size_t num_samples, uint64_t seed);

// sqrt(exp(-d^2 / w^2)) of each row's Euclidean distance to row 0; w <= 0 means 0.75 * sqrt(cols).
std::vector<double> lime_kernel_weights(const DenseMatrix& binary, double kernel_width = 0);

struct LimeFit {
  std::vector<size_t> selected;                   // feature_selection's choice, in its order
  std::vector<std::pair<size_t, double>> coefs;   // (feature, weight), largest |weight| first
  double intercept = 0, score = 0, local_pred = 0;
};
// lime_base.explain_instance_with_data: selection (auto = forward_selection when num_features
// <= 6, else highest_weights; also none) then Ridge(alpha=1) with sample weights.
LimeFit lime_fit(const DenseMatrix& binary, const std::vector<double>& labels, const std::vector<double>& weights,
                 size_t num_features = 10, const std::string& selection = "auto");

// Weighted ridge with an intercept (scikit-learn's Ridge with sample_weight): coefficients,
// then the intercept last. alpha = 0 gives the least-squares solution of minimum norm.
std::vector<double> weighted_ridge(const DenseMatrix& X, const std::vector<size_t>& cols, const std::vector<double>& y,
                                   const std::vector<double>& w, double alpha);
// The weighted R^2 of that fit on the same rows (Ridge.score with sample_weight).
double weighted_r2(const DenseMatrix& X, const std::vector<size_t>& cols, const std::vector<double>& y,
                   const std::vector<double>& w, const std::vector<double>& coef_and_intercept);

}  // namespace lab
