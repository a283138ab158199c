#pragma once
// Partial dependence and individual conditional expectation (ICE), as scikit-learn's
// sklearn.inspection.partial_dependence(method="brute") computes them: every row of a set is
// asked again with one feature set to each grid value; a row's answers along the grid are its
// ICE curve and their mean over the rows is the partial dependence.
//
// The grid for a number (scikit-learn's _grid_from_X): its distinct values when there are fewer
// than `resolution` of them, else `resolution` evenly spaced points from the 5th to the 95th
// percentile, the percentiles as scipy's mquantiles (alphap = betap = 0.4) computes them. A
// category's grid is each of its categories.
#include <cstddef>
#include <functional>
#include <vector>

namespace lab {

// scipy.stats.mstats.mquantiles(values, prob=[p], alphap=0.4, betap=0.4) of sorted values.
double mquantile(const std::vector<double>& sorted, double p);

// The grid above; NaN values are left out. Throws std::invalid_argument for no values or when
// the two percentiles coincide (scikit-learn's "percentiles are too close to each other").
std::vector<double> pdp_grid(const std::vector<double>& values, size_t resolution = 100, double lo = 0.05, double hi = 0.95);

struct PartialDependence {
  std::vector<double> grid;
  std::vector<double> average;           // per grid value: the mean answer over the rows
  std::vector<std::vector<double>> ice;  // [row][grid value]
};

// answers(v): the model's answer for every row with the feature set to grid value v (the same
// rows, in the same order, every call). Throws std::invalid_argument when the answers' count
// changes or there are none.
PartialDependence partial_dependence(const std::vector<double>& grid,
                                     const std::function<std::vector<double>(double)>& answers);

}  // namespace lab
