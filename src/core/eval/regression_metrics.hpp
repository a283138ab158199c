#pragma once
// Regression metrics as scikit-learn 1.2 defines them. y true values, p predictions.
#include <vector>

namespace lab {

double rmse(const std::vector<double>& y, const std::vector<double>& p);
double mae(const std::vector<double>& y, const std::vector<double>& p);
// 1 - SS_res / SS_tot. When y is constant: 1 if the predictions are exact, else 0 (sklearn's
// force_finite). Fewer than two rows: NaN.
double r2_score(const std::vector<double>& y, const std::vector<double>& p);
// mean |y - p| / max(|y|, machine epsilon): a true value of 0 gives a huge, not infinite, term.
double mape(const std::vector<double>& y, const std::vector<double>& p);

}  // namespace lab
