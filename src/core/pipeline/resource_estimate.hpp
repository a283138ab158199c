#pragma once
// How much memory and time a training run will take, from the data's shape and the learner's
// parameters, before it starts: so a job that cannot fit in the tab (wasm32: 2 GB in this
// build, at most 4 GB anywhere) is refused with the figure and what to change, instead of
// ending in a frozen or killed page, and a job of many minutes is announced.
//
// The figures are order-of-magnitude (within ~3x): the learner's dominant arrays (a Newton
// Hessian, a kernel cache, binned features, trees) plus the feature matrices, and its dominant
// operation count at ~0.5 GFLOP/s (one laptop core; the wasm build runs at 1-2x that time).
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "core/data/table.hpp"

namespace lab {

struct TrainingShape {
  size_t train_rows = 0, test_rows = 0;
  size_t features = 0;  // model inputs after one-hot encoding
  int outputs = 1;      // classes for multiclass, else 1
};

struct ResourceEstimate {
  double bytes = 0;    // peak memory of the job
  double seconds = 0;  // single-threaded, native
  std::string driver;  // what dominates, e.g. "the Newton solver's 16,000 x 16,000 Hessian"
  std::string advice;  // what to change to make it smaller or faster
  std::string summary() const;  // "about 2.0 GB and 40 s (the Newton solver's ...)"
};

// The shape a run would train on: feature columns of the table (one-hot categories counted),
// rows with a target value split by test_fraction.
TrainingShape training_shape(const Table& data, double test_fraction, int classes);

// `params` as resolved against the learner's ParamSpecs (defaults filled in).
ResourceEstimate estimate_training(const std::string& algo, const nlohmann::json& params, const TrainingShape& shape);

// "1.9 GB", "350 MB"; "about 4 minutes", "12 s".
std::string format_bytes(double bytes);
std::string format_duration(double seconds);

}  // namespace lab
