#include "core/explain/permutation_importance.hpp"

#include <cmath>
#include <memory>
#include <numeric>
#include <stdexcept>

#include "core/math/rng.hpp"

namespace lab {

Shuffle seeded_shuffle(uint64_t seed) {
  // The generator of the group being shuffled, advanced across its repeats.
  auto state = std::make_shared<std::pair<size_t, Rng>>(size_t(-1), Rng(0));
  return [seed, state](size_t group, int, std::vector<size_t>& order) {
    if (state->first != group) {
      state->first = group;
      state->second = Rng(seed * 0x9E3779B97F4A7C15ull + uint64_t(group) + 1);
    }
    state->second.shuffle(order);
  };
}

PermutationImportance permutation_importance(const DenseMatrix& X, const std::vector<std::string>& names,
                                             const std::vector<std::vector<size_t>>& groups, const RowsScore& score,
                                             int repeats, const Shuffle& shuffle) {
  if (X.rows == 0) throw std::invalid_argument("permutation importance needs held-out rows; the run has none");
  if (repeats < 1 || repeats > 100) throw std::invalid_argument("field 'repeats' must be between 1 and 100");
  if (names.size() != groups.size()) throw std::invalid_argument("permutation importance: one name per feature group");
  for (const auto& g : groups)
    for (size_t c : g)
      if (c >= X.cols) throw std::invalid_argument("permutation importance: a group names a column the rows lack");
  PermutationImportance out;
  out.names = names;
  out.baseline = score(X);
  for (size_t g = 0; g < groups.size(); ++g) {
    DenseMatrix work = X;
    std::vector<size_t> order(X.rows);
    std::iota(order.begin(), order.end(), size_t(0));
    std::vector<double> column(X.rows), drops;
    for (int r = 0; r < repeats; ++r) {
      shuffle(g, r, order);
      for (size_t c : groups[g]) {
        for (size_t i = 0; i < X.rows; ++i) column[i] = work.at(order[i], c);
        for (size_t i = 0; i < X.rows; ++i) work.at(i, c) = column[i];
      }
      drops.push_back(out.baseline - score(work));
    }
    double mean = 0, var = 0;
    for (double d : drops) mean += d;
    mean /= double(drops.size());
    for (double d : drops) var += (d - mean) * (d - mean);
    out.mean.push_back(mean);
    out.std.push_back(std::sqrt(var / double(drops.size())));
    out.drops.push_back(std::move(drops));
  }
  return out;
}

std::vector<std::vector<size_t>> groups_by_source(const std::vector<std::string>& sources, std::vector<std::string>& names) {
  names.clear();
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < sources.size(); ++i) {
    size_t slot = 0;
    while (slot < names.size() && names[slot] != sources[i]) ++slot;
    if (slot == names.size()) {
      names.push_back(sources[i]);
      groups.emplace_back();
    }
    groups[slot].push_back(i);
  }
  return groups;
}

}  // namespace lab
