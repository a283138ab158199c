#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace lab {

struct SplitIndices {
  std::vector<size_t> train, test;
};

// Stratified by label value: each class keeps its share in both parts. Seeded shuffle.
// Throws std::invalid_argument if test_fraction is not in (0, 1) or a part would be empty.
SplitIndices stratified_split(const std::vector<double>& labels, double test_fraction, uint64_t seed);

// k folds for cross-validation: fold f's test rows are folds[f], its training rows all others.
// Every row is in exactly one fold; fold sizes differ by at most one row (per class when stratified).
using Folds = std::vector<std::vector<size_t>>;

// Stratified: each class is shuffled (seeded) and dealt round-robin over the folds, continuing
// where the previous class stopped, so every fold keeps the class shares. For classification.
// Throws std::invalid_argument when k < 2 or k > rows.
Folds stratified_kfold(const std::vector<double>& labels, int k, uint64_t seed);
// Plain: rows shuffled (seeded) and cut into k nearly equal parts. For regression.
Folds kfold(size_t rows, int k, uint64_t seed);
// The training rows of fold f (all rows not in folds[f]), sorted.
std::vector<size_t> train_rows_of(const Folds& folds, size_t f);

}  // namespace lab
