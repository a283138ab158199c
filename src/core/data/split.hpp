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

}  // namespace lab
