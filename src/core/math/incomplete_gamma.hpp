#pragma once
// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) for half-integer a,
// which is all the drift tests need: a chi-squared survival function (a = degrees of freedom / 2)
// and the normal tail (a = 1/2). Built on det:: math so p-values are bit-identical in wasm.
namespace lab {

// Q(a, x) for a in {0.5, 1, 1.5, ...} and x >= 0. Throws std::invalid_argument otherwise.
double gamma_q_half_integer(double a, double x);
// P(X >= x) for a chi-squared variable with `df` degrees of freedom (scipy.stats.chi2.sf).
double chi2_survival(double x, int df);
// The standard normal CDF through Q(1/2, z^2/2) (scipy.stats.norm.cdf to ~1e-15).
double normal_cdf(double z);

}  // namespace lab
