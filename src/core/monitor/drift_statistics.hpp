#pragma once
// The statistics behind Evidently's default drift tests, written to give SciPy's numbers
// (tests/reference/drift_references.py records them): two-sample Kolmogorov-Smirnov with its
// exact p-value, Pearson's chi-squared goodness of fit, the two-proportion Z test, the
// first Wasserstein distance and the Jensen-Shannon distance. Pure functions of their inputs;
// det:: math keeps them bit-identical natively and in wasm.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace lab {

struct StatisticResult {
  double statistic = 0;
  double p_value = 1;
};

// scipy.stats.ks_2samp(a, b): the largest gap between the two empirical CDFs and the exact
// two-sided p-value (SciPy's method='exact'; its 'auto' uses the same below 10,000 rows).
// Both samples sorted ascending, without NaN, neither empty.
StatisticResult ks_two_sample(const std::vector<double>& sorted_a, const std::vector<double>& sorted_b);

// scipy.stats.chisquare(observed, expected): sum of (o - e)^2 / e with len - 1 degrees of
// freedom. An expected count of 0 with observations makes the statistic infinite (p = 0).
StatisticResult chi_square_test(const std::vector<double>& observed, const std::vector<double>& expected);

// Two proportions, two-sided: z = (p1 - p2) / sqrt(P (1 - P) (1/n1 + 1/n2)), p = 2 (1 - Phi(|z|)).
StatisticResult z_test_two_proportions(uint64_t ones_a, uint64_t n_a, uint64_t ones_b, uint64_t n_b);

// scipy.stats.wasserstein_distance(a, b): the area between the two empirical CDFs.
double wasserstein_distance(const std::vector<double>& sorted_a, const std::vector<double>& sorted_b);

// scipy.spatial.distance.jensenshannon(p, q) with natural logs: each vector is normalised to
// sum 1; the square root of the Jensen-Shannon divergence (0 = same, sqrt(ln 2) = disjoint).
double jensen_shannon_distance(const std::vector<double>& p, const std::vector<double>& q);

// np.std (population standard deviation, two passes).
double population_std(const std::vector<double>& values);

}  // namespace lab
