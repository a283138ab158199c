#include "core/explain/lime_tabular.hpp"

// Eigen only for the small (features x features) solves; no vectorisation, so native and wasm
// take the same operations in the same order (bit-identical results). The sums that feed it are
// plain loops here for the same reason (Eigen's products block by the CPU's cache sizes).
#define EIGEN_DONT_VECTORIZE
#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/math/rng.hpp"

namespace lab {

namespace {

// np.percentile(sorted, q) with numpy's default 'linear' method, including its lerp that counts
// back from the upper neighbour when the fraction is >= 0.5 (so the bits match numpy's).
double percentile_linear(const std::vector<double>& sorted, double q) {
  const double n = double(sorted.size());
  const double virtual_index = n * q + (1.0 + q * (1.0 - 1.0 - 1.0)) - 1.0;
  const double lo_index = std::floor(virtual_index);
  const double t = virtual_index - lo_index;
  const size_t lo = size_t(std::clamp(lo_index, 0.0, n - 1)), hi = size_t(std::clamp(lo_index + 1, 0.0, n - 1));
  const double a = sorted[lo], b = sorted[hi], diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

// Values and their shares among the non-missing codes, ascending (collections.Counter, sorted).
void shares_of(const std::vector<double>& codes, std::vector<double>& values, std::vector<double>& shares) {
  std::vector<double> c;
  for (double v : codes)
    if (!std::isnan(v)) c.push_back(v);
  std::sort(c.begin(), c.end());
  for (size_t i = 0; i < c.size();) {
    size_t j = i;
    while (j < c.size() && c[j] == c[i]) ++j;
    values.push_back(c[i]);
    shares.push_back(double(j - i));
    i = j;
  }
  for (double& s : shares) s /= double(c.size());
}

std::string two_decimals(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// A draw from N(mean, sd) cut to [lo, hi] by rejection; a quartile bin holds its own mean, so
// few draws fail. After many failures (a far tail) a uniform draw in the bin stands in.
double truncated_normal(Rng& rng, double mean, double sd, double lo, double hi) {
  for (int tries = 0; tries < 64; ++tries) {
    const double v = rng.normal(mean, sd);
    if (v >= lo && v <= hi) return v;
  }
  return rng.uniform(lo, hi);
}

}  // namespace

double LimeFeature::code_of(double x) const {
  if (categorical) return x;
  if (std::isnan(x)) return double(edges.size());  // numpy sorts NaN last
  return double(std::lower_bound(edges.begin(), edges.end(), x) - edges.begin());
}

std::string LimeFeature::describe(double code) const {
  if (categorical) {
    if (std::isnan(code) || code < 0 || size_t(code) >= categories.size()) return name + " missing";
    return name + " = " + categories[size_t(code)];
  }
  const size_t b = size_t(code);
  if (edges.empty()) return name;
  if (b == 0) return name + " <= " + two_decimals(edges[0]);
  if (b >= edges.size()) return name + " > " + two_decimals(edges.back());
  return two_decimals(edges[b - 1]) + " < " + name + " <= " + two_decimals(edges[b]);
}

LimeDomain LimeDomain::fit(const std::vector<std::string>& names, const std::vector<std::vector<double>>& columns,
                           const std::vector<std::vector<std::string>>& categories) {
  if (names.size() != columns.size() || names.size() != categories.size())
    throw std::invalid_argument("LIME: names, columns and categories differ in length");
  LimeDomain d;
  for (size_t f = 0; f < names.size(); ++f) {
    LimeFeature lf;
    lf.name = names[f];
    lf.categorical = !categories[f].empty();
    lf.categories = categories[f];
    std::vector<double> codes;
    if (lf.categorical) {
      codes = columns[f];
    } else {
      std::vector<double> sorted;
      for (double v : columns[f])
        if (!std::isnan(v)) sorted.push_back(v);
      if (sorted.empty()) throw std::invalid_argument("LIME: column '" + names[f] + "' has no values in the training rows");
      std::sort(sorted.begin(), sorted.end());
      for (double q : {0.25, 0.5, 0.75}) lf.edges.push_back(percentile_linear(sorted, q));
      lf.edges.erase(std::unique(lf.edges.begin(), lf.edges.end()), lf.edges.end());
      const size_t bins = lf.edges.size() + 1;
      std::vector<double> sum(bins, 0), count(bins, 0);
      for (double v : columns[f]) codes.push_back(std::isnan(v) ? std::nan("") : lf.code_of(v));
      for (size_t i = 0; i < codes.size(); ++i)
        if (!std::isnan(codes[i])) {
          sum[size_t(codes[i])] += columns[f][i];
          count[size_t(codes[i])] += 1;
        }
      lf.bin_mean.assign(bins, 0);
      for (size_t b = 0; b < bins; ++b) lf.bin_mean[b] = count[b] > 0 ? sum[b] / count[b] : 0;
      std::vector<double> sq(bins, 0);
      for (size_t i = 0; i < codes.size(); ++i)
        if (!std::isnan(codes[i])) {
          const double dev = columns[f][i] - lf.bin_mean[size_t(codes[i])];
          sq[size_t(codes[i])] += dev * dev;
        }
      for (size_t b = 0; b < bins; ++b) lf.bin_std.push_back((count[b] > 0 ? std::sqrt(sq[b] / count[b]) : 0) + 1e-11);
      lf.bin_min.push_back(sorted.front());
      for (double e : lf.edges) lf.bin_min.push_back(e);
      lf.bin_max = lf.edges;
      lf.bin_max.push_back(sorted.back());
    }
    shares_of(codes, lf.values, lf.shares);
    if (lf.values.empty()) throw std::invalid_argument("LIME: column '" + names[f] + "' has no values in the training rows");
    d.features.push_back(std::move(lf));
  }
  return d;
}

LimeNeighbourhood lime_sample(const LimeDomain& d, const std::vector<double>& row, size_t num_samples, uint64_t seed) {
  const size_t cols = d.features.size();
  if (row.size() != cols) throw std::invalid_argument("LIME: the row has " + std::to_string(row.size()) + " values, the model " + std::to_string(cols));
  if (num_samples < 2) throw std::invalid_argument("LIME needs at least 2 samples");
  Rng rng(seed);
  LimeNeighbourhood out{DenseMatrix(num_samples, cols), DenseMatrix(num_samples, cols)};
  for (size_t f = 0; f < cols; ++f) {
    const LimeFeature& lf = d.features[f];
    const double own = lf.code_of(row[f]);
    std::vector<double> cumulative(lf.shares.size());
    std::partial_sum(lf.shares.begin(), lf.shares.end(), cumulative.begin());
    for (size_t i = 1; i < num_samples; ++i) {
      const double u = rng.uniform() * cumulative.back();
      const size_t k = std::min(size_t(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin()),
                                lf.values.size() - 1);
      const double code = lf.values[k];
      out.binary.at(i, f) = code == own ? 1.0 : 0.0;
      out.inverse.at(i, f) = code;
    }
    out.binary.at(0, f) = 1.0;
  }
  // Numeric columns back from bins to values (lime's undiscretize), then row 0 is the row.
  for (size_t f = 0; f < cols; ++f) {
    const LimeFeature& lf = d.features[f];
    if (!lf.categorical)
      for (size_t i = 1; i < num_samples; ++i) {
        const size_t b = size_t(out.inverse.at(i, f));
        // A bin whose bounds meet (a quartile equal to the minimum) holds one value: that value.
        // (lime returns the bound's z-score there, (min - mean) / std, which is not a value of
        // the column; we return the value itself.)
        out.inverse.at(i, f) = lf.bin_min[b] == lf.bin_max[b]
                                   ? lf.bin_min[b]
                                   : truncated_normal(rng, lf.bin_mean[b], lf.bin_std[b], lf.bin_min[b], lf.bin_max[b]);
      }
    out.inverse.at(0, f) = row[f];
  }
  return out;
}

std::vector<double> lime_kernel_weights(const DenseMatrix& binary, double kernel_width) {
  const double w = kernel_width > 0 ? kernel_width : 0.75 * std::sqrt(double(binary.cols));
  std::vector<double> weights(binary.rows);
  for (size_t i = 0; i < binary.rows; ++i) {
    double d2 = 0;
    for (size_t j = 0; j < binary.cols; ++j) {
      const double diff = binary.at(i, j) - binary.at(0, j);
      d2 += diff * diff;
    }
    const double d = std::sqrt(d2);  // as pairwise_distances computes it, then squared again
    weights[i] = std::sqrt(det::exp(-(d * d) / (w * w)));
  }
  return weights;
}

std::vector<double> weighted_ridge(const DenseMatrix& X, const std::vector<size_t>& cols, const std::vector<double>& y,
                                   const std::vector<double>& w, double alpha) {
  const size_t k = cols.size(), n = X.rows;
  double wsum = 0, ym = 0;
  std::vector<double> xm(k, 0);
  for (size_t i = 0; i < n; ++i) {
    wsum += w[i];
    ym += w[i] * y[i];
    for (size_t a = 0; a < k; ++a) xm[a] += w[i] * X.at(i, cols[a]);
  }
  ym /= wsum;
  for (double& m : xm) m /= wsum;
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(Eigen::Index(k), Eigen::Index(k));
  Eigen::VectorXd b = Eigen::VectorXd::Zero(Eigen::Index(k));
  std::vector<double> xc(k);
  for (size_t i = 0; i < n; ++i) {
    for (size_t a = 0; a < k; ++a) xc[a] = X.at(i, cols[a]) - xm[a];
    const double yc = y[i] - ym;
    for (size_t a = 0; a < k; ++a) {
      b(Eigen::Index(a)) += w[i] * xc[a] * yc;
      for (size_t c = 0; c <= a; ++c) A(Eigen::Index(a), Eigen::Index(c)) += w[i] * xc[a] * xc[c];
    }
  }
  for (size_t a = 0; a < k; ++a) {
    for (size_t c = 0; c < a; ++c) A(Eigen::Index(c), Eigen::Index(a)) = A(Eigen::Index(a), Eigen::Index(c));
    A(Eigen::Index(a), Eigen::Index(a)) += alpha;
  }
  Eigen::VectorXd coef;
  if (alpha > 0) {
    coef = A.llt().solve(b);
  } else {
    coef = A.completeOrthogonalDecomposition().solve(b);  // minimum norm, as lstsq's fallback
  }
  std::vector<double> out(k + 1);
  double intercept = ym;
  for (size_t a = 0; a < k; ++a) {
    out[a] = coef(Eigen::Index(a));
    intercept -= xm[a] * out[a];
  }
  out[k] = intercept;
  return out;
}

double weighted_r2(const DenseMatrix& X, const std::vector<size_t>& cols, const std::vector<double>& y,
                   const std::vector<double>& w, const std::vector<double>& coef) {
  const size_t k = cols.size();
  double wsum = 0, ym = 0;
  for (size_t i = 0; i < X.rows; ++i) {
    wsum += w[i];
    ym += w[i] * y[i];
  }
  ym /= wsum;
  double ss_res = 0, ss_tot = 0;
  for (size_t i = 0; i < X.rows; ++i) {
    double pred = coef[k];
    for (size_t a = 0; a < k; ++a) pred += coef[a] * X.at(i, cols[a]);
    ss_res += w[i] * (y[i] - pred) * (y[i] - pred);
    ss_tot += w[i] * (y[i] - ym) * (y[i] - ym);
  }
  if (ss_tot == 0) return ss_res == 0 ? 1.0 : 0.0;  // scikit-learn's r2_score (force_finite)
  return 1.0 - ss_res / ss_tot;
}

LimeFit lime_fit(const DenseMatrix& binary, const std::vector<double>& labels, const std::vector<double>& weights,
                 size_t num_features, const std::string& selection) {
  const size_t d = binary.cols;
  if (labels.size() != binary.rows || weights.size() != binary.rows)
    throw std::invalid_argument("LIME: labels and weights must have one value per sample");
  LimeFit fit;
  std::string method = selection;
  if (method == "auto") method = num_features <= 6 ? "forward_selection" : "highest_weights";
  if (method == "none") {
    for (size_t f = 0; f < d; ++f) fit.selected.push_back(f);
  } else if (method == "forward_selection") {
    for (size_t step = 0; step < std::min(num_features, d); ++step) {
      double best_score = -100000000.0;
      size_t best = 0;
      for (size_t f = 0; f < d; ++f) {
        if (std::find(fit.selected.begin(), fit.selected.end(), f) != fit.selected.end()) continue;
        std::vector<size_t> cols = fit.selected;
        cols.push_back(f);
        const double s = weighted_r2(binary, cols, labels, weights, weighted_ridge(binary, cols, labels, weights, 0.0));
        if (s > best_score) {
          best = f;
          best_score = s;
        }
      }
      fit.selected.push_back(best);
    }
  } else if (method == "highest_weights") {
    std::vector<size_t> all(d);
    std::iota(all.begin(), all.end(), size_t(0));
    const std::vector<double> c = weighted_ridge(binary, all, labels, weights, 0.01);
    std::vector<size_t> order = all;
    // coef x row 0 of the data (all ones in the binary matrix), sorted by size, ties in column order.
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return std::fabs(c[a] * binary.at(0, a)) > std::fabs(c[b] * binary.at(0, b)); });
    order.resize(std::min(num_features, d));
    fit.selected = order;
  } else {
    throw std::invalid_argument("LIME feature selection '" + selection + "' is not one of auto, forward_selection, highest_weights, none");
  }
  const std::vector<double> c = weighted_ridge(binary, fit.selected, labels, weights, 1.0);
  const size_t k = fit.selected.size();
  fit.intercept = c[k];
  fit.score = weighted_r2(binary, fit.selected, labels, weights, c);
  fit.local_pred = c[k];
  for (size_t a = 0; a < k; ++a) {
    fit.coefs.emplace_back(fit.selected[a], c[a]);
    fit.local_pred += c[a] * binary.at(0, fit.selected[a]);
  }
  std::stable_sort(fit.coefs.begin(), fit.coefs.end(),
                   [](const auto& a, const auto& b) { return std::fabs(a.second) > std::fabs(b.second); });
  return fit;
}

}  // namespace lab
