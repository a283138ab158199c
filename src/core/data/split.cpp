#include "core/data/split.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

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

namespace {
void check_k(int k, size_t rows) {
  if (k < 2 || size_t(k) > rows)
    throw std::invalid_argument("k must be between 2 and the number of rows (" + std::to_string(rows) + "), got " +
                                std::to_string(k));
}
}  // namespace

Folds stratified_kfold(const std::vector<double>& labels, int k, uint64_t seed) {
  check_k(k, labels.size());
  std::map<double, std::vector<size_t>> by_class;
  for (size_t i = 0; i < labels.size(); ++i) by_class[labels[i]].push_back(i);
  Rng rng(seed);
  Folds folds(static_cast<size_t>(k));
  size_t next = 0;
  for (auto& [label, idx] : by_class) {
    rng.shuffle(idx);
    for (size_t i : idx) folds[next++ % size_t(k)].push_back(i);
  }
  for (auto& f : folds) std::sort(f.begin(), f.end());
  return folds;
}

Folds kfold(size_t rows, int k, uint64_t seed) {
  check_k(k, rows);
  std::vector<size_t> idx(rows);
  for (size_t i = 0; i < rows; ++i) idx[i] = i;
  Rng rng(seed);
  rng.shuffle(idx);
  Folds folds(static_cast<size_t>(k));
  for (size_t f = 0; f < size_t(k); ++f) {
    size_t lo = rows * f / size_t(k), hi = rows * (f + 1) / size_t(k);
    folds[f].assign(idx.begin() + long(lo), idx.begin() + long(hi));
    std::sort(folds[f].begin(), folds[f].end());
  }
  return folds;
}

std::vector<size_t> train_rows_of(const Folds& folds, size_t f) {
  std::vector<size_t> out;
  for (size_t g = 0; g < folds.size(); ++g)
    if (g != f) out.insert(out.end(), folds[g].begin(), folds[g].end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace lab
