#include "core/pipeline/resource_estimate.hpp"

#include "core/models/logistic_regression.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lab {

namespace {

constexpr double kFlopsPerSecond = 0.5e9;  // one core, plain loops, measured order of magnitude

double num(const nlohmann::json& p, const char* key, double fallback) {
  return p.contains(key) && p[key].is_number() ? p[key].get<double>() : fallback;
}
std::string str(const nlohmann::json& p, const char* key, const std::string& fallback) {
  return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : fallback;
}
std::string count(double v) {  // 16000 -> "16,000"
  std::string digits = std::to_string(static_cast<long long>(std::llround(v)));
  for (int i = int(digits.size()) - 3; i > 0; i -= 3) digits.insert(size_t(i), ",");
  return digits;
}

}  // namespace

std::string format_bytes(double b) {
  char buf[32];
  if (b >= 1e9) std::snprintf(buf, sizeof buf, "%.1f GB", b / 1e9);
  else if (b >= 1e6) std::snprintf(buf, sizeof buf, "%.0f MB", b / 1e6);
  else std::snprintf(buf, sizeof buf, "%.0f KB", std::max(1.0, b / 1e3));
  return buf;
}

std::string format_duration(double s) {
  char buf[48];
  if (s < 1) return "under a second";
  if (s < 90) std::snprintf(buf, sizeof buf, "%.0f s", s);
  else if (s < 5400) std::snprintf(buf, sizeof buf, "%.0f minutes", s / 60);
  else std::snprintf(buf, sizeof buf, "%.0f hours", s / 3600);
  return buf;
}

std::string ResourceEstimate::summary() const {
  return "about " + format_bytes(bytes) + " of memory and " + format_duration(seconds) + " (" + driver + ")";
}

TrainingShape training_shape(const Table& data, double test_fraction, int classes) {
  TrainingShape s;
  size_t labelled = data.rows();
  if (const Column* t = data.target())
    labelled = size_t(std::count_if(t->values.begin(), t->values.end(), [](double v) { return !std::isnan(v); }));
  test_fraction = std::clamp(test_fraction, 0.0, 1.0);
  s.test_rows = size_t(std::ceil(double(labelled) * test_fraction));
  s.train_rows = labelled - std::min(labelled, s.test_rows);
  for (const Column* c : data.features())
    s.features += c->type == ColumnType::Categorical ? std::max<size_t>(1, c->categories.size()) : 1;
  s.outputs = std::max(1, classes > 2 ? classes : 1);
  return s;
}

ResourceEstimate estimate_training(const std::string& algo, const nlohmann::json& params, const TrainingShape& sh) {
  const double n = double(sh.train_rows), m = double(sh.test_rows), p = double(std::max<size_t>(1, sh.features));
  const double k = double(sh.outputs);
  ResourceEstimate e;
  // Every learner holds the transformed feature matrices (training and test rows, doubles).
  const double matrices = (n + m) * p * 8.0;
  double model_bytes = 0, flops = 0;
  if (algo == "logistic_regression") {
    const double dims = p * k;
    const double iters = std::max(1.0, num(params, "max_iter", 100));
    std::string solver = str(params, "solver", "auto");
    if (solver != "newton" && solver != "lbfgs")  // "auto": the learner's own rule
      solver = dims <= double(LogisticRegression::kAutoNewtonMaxWeights) ? "newton" : "lbfgs";
    if (solver == "newton") {
      model_bytes = dims * dims * 8.0 * 2;  // the Hessian and its factor
      flops = std::min(iters, 25.0) * (n * p * p * k * k + dims * dims * dims / 3.0);
      e.driver = "the Newton solver's " + count(dims) + " x " + count(dims) + " Hessian";
      e.advice = "use solver lbfgs (no Hessian), fewer columns, or another learner";
    } else {
      model_bytes = 2 * 10 * dims * 8.0;
      flops = iters * 4 * n * dims;
      e.driver = "L-BFGS over " + count(n) + " rows x " + count(dims) + " weights";
      e.advice = "lower max_iter, use fewer columns or a sample of the rows";
    }
  } else if (algo == "ridge_regression") {
    model_bytes = p * p * 8.0 * 2;
    flops = n * p * p + p * p * p / 3.0;
    e.driver = "the " + count(p) + " x " + count(p) + " normal equations";
    e.advice = "use fewer columns (or another learner)";
  } else if (algo == "knn") {
    model_bytes = n * p * 8.0 + n * 16.0;
    flops = 3 * m * n * p;  // every test row searches every training row
    e.driver = "searching " + count(n) + " training rows for each of " + count(m) + " test rows";
    e.advice = "use a sample of the rows, fewer columns, or another learner";
  } else if (algo == "gaussian_nb") {
    model_bytes = 2 * std::max(2.0, k) * p * 8.0;
    flops = 4 * (n + m) * p * std::max(2.0, k);
    e.driver = "per-class means and variances";
    e.advice = "use fewer columns";
  } else if (algo == "svm" && str(params, "kernel", "rbf") == "linear") {
    // Dual coordinate descent: a pass costs rows x columns; one-vs-one sees each row k-1 times.
    // The pass limit, not a typical count: shrinking makes most passes cheaper, but a large C on
    // wide one-hot data can use them all (pipeline fuzz seed 512: 1,812 x 2,295 ran 20 s).
    const double max_iter = num(params, "max_iter", -1);
    const double passes = max_iter >= 0 ? std::max(1.0, max_iter) : 1000;
    // A coordinate step also costs about 10 flops whatever the width (the shuffled index, the
    // bounds, shrinking): on narrow data that is most of it (pipeline fuzz seed 708: 72 classes
    // on 10,938 x 3 took 13.5 CPU s where 2p per step said 8 s; measured 24 ns a step at 3
    // columns, 53 ns at 30). One-vs-one also pays per machine (its Platt fit, its buffers).
    const double machines = k > 2 ? k * (k - 1) / 2 : 1;
    model_bytes = n * p * 8.0 + n * 24.0;
    flops = passes * (2 * p + 10) * n * std::max(1.0, k - 1) + machines * 2e5 + m * p * k;
    e.driver = "up to " + count(passes) + " passes of coordinate descent over " + count(n) + " rows x " + count(p) +
               " columns";
    e.advice = "use a sample of the rows, fewer columns, or set max_iter";
  } else if (algo == "svm") {
    // One-vs-one: k(k-1)/2 machines of about 2n/k rows each; every machine also scores the test rows.
    const double pairs = k > 2 ? k * (k - 1) / 2 : 1, n_pair = k > 2 ? 2 * n / k : n;
    const double cache = std::min(100.0 * (1 << 20), n_pair * n_pair * 4.0);
    model_bytes = cache + n * 32.0 * std::max(1.0, k - 1);
    double iters = std::max(100.0, 3 * n_pair);  // SMO needs a few passes over the rows
    if (num(params, "max_iter", -1) > 0) iters = std::min(iters, num(params, "max_iter", -1));
    flops = pairs * (iters * 2 * n_pair * p * 1.5 + m * n_pair * p + 2e5);  // + Platt and bookkeeping per machine
    e.driver = "SMO on " + count(n) + " rows (cost grows with rows squared)" +
               (pairs > 1 ? ", " + count(pairs) + " one-vs-one machines" : "");
    e.advice = "use a sample of the rows, set max_iter, or use logistic regression";
  } else if (algo == "decision_tree" || algo == "random_forest" || algo == "hist_gbdt") {
    const bool forest = algo == "random_forest", boost = algo == "hist_gbdt";
    const double trees = forest || boost ? std::max(1.0, num(params, "n_estimators", 100)) : 1.0;
    double depth = num(params, "max_depth", boost ? 6 : 0);
    if (depth <= 0) depth = std::min(40.0, std::log2(std::max(2.0, n)) + 4);
    const double min_leaf = std::max(1.0, num(params, "min_samples_leaf", 1));
    const double leaves = std::min(n / min_leaf, std::pow(2.0, depth));
    const double features_per_split = forest ? std::max(1.0, std::sqrt(p)) : p;
    model_bytes = (n + m) * p * 1.0 + trees * 2 * leaves * 48.0 + 256 * p * 16.0 * std::min(depth, 12.0) + n * 24.0;
    // The second term is the per-leaf histogram work over every column; on wide one-hot data it
    // dominates, and 0.5 per bin called a 2,498-column forest 7 s that took 11.75 CPU s natively
    // (the wasm fuzzer's seed 276): 1.0 per bin matches that measurement.
    flops = trees * (n * features_per_split * std::min(depth, 20.0) * 2 + 256 * p * leaves * 1.0) * (boost ? k : 1.0);
    e.driver = (trees > 1 ? count(trees) + " trees" : std::string("one tree")) + " of depth up to " + count(depth) +
               " over " + count(n) + " rows x " + count(p) + " columns";
    e.advice = trees > 1 ? "lower n_estimators or max_depth, or use a sample of the rows"
                         : "lower max_depth, or use a sample of the rows";
  } else {
    flops = n * p * 10;
    e.driver = "an unknown learner";
    e.advice = "use a sample of the rows";
  }
  e.bytes = matrices * 2 /* the pipeline's copy while transforming */ + model_bytes;
  e.seconds = flops / kFlopsPerSecond;
  return e;
}

}  // namespace lab
