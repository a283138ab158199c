#pragma once
// The cross-validation folds a tune scores its trials on: stratified k-fold for a classification
// target (every class keeps its share in every fold), plain k-fold for regression; seeded, so the
// same seed gives the same folds natively and in wasm. Every row is in exactly one fold.
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/split.hpp"
#include "core/models/learner.hpp"

namespace lab {

// labels: the learner labels of the rows to fold (0..k-1 for classes, the value for regression).
// class_names: the name of label 0, 1, ... (for messages); may be empty.
// Throws std::invalid_argument when k is outside 2..20, when there are fewer rows than folds,
// or (classification) when a class has fewer than k rows: every fold's held-out part needs a row
// of every class, so the message names the class, its row count and how many are needed.
Folds cv_folds(const std::vector<double>& labels, Task task, int k, uint64_t seed,
               const std::vector<std::string>& class_names = {});

}  // namespace lab
