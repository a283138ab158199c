#include "core/data/split.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "core/math/rng.hpp"

namespace lab {

SplitIndices stratified_split(const std::vector<double>& labels, double test_fraction, uint64_t seed) {
  if (!(test_fraction > 0.0 && test_fraction < 1.0))
    throw std::invalid_argument("test_fraction must be between 0 and 1 (exclusive)");
  std::map<double, std::vector<size_t>> by_class;
  for (size_t i = 0; i < labels.size(); ++i) by_class[labels[i]].push_back(i);
  Rng rng(seed);
  SplitIndices out;
  for (auto& [label, idx] : by_class) {
    rng.shuffle(idx);
    size_t n_test = size_t(std::floor(double(idx.size()) * test_fraction + 0.5));
    out.test.insert(out.test.end(), idx.begin(), idx.begin() + long(n_test));
    out.train.insert(out.train.end(), idx.begin() + long(n_test), idx.end());
  }
  if (out.train.empty() || out.test.empty())
    throw std::invalid_argument("the split leaves no rows on one side; use more rows or another test_fraction");
  std::sort(out.train.begin(), out.train.end());
  std::sort(out.test.begin(), out.test.end());
  return out;
}

}  // namespace lab
