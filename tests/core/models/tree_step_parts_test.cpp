// The pieces of a tree learner's step (core/models/tree_step_parts.*): binning a feature's edges
// and then its rows in runs gives FeatureBinner's edges and bins, each piece within the budget.
#include <catch2/catch.hpp>

#include "core/models/tree_step_parts.hpp"
#include "tree_test_data.hpp"

using namespace lab;
using namespace lab::testing;

TEST_CASE("binning in pieces gives the edges and bins of binning at once, no piece above the budget") {
  // Above FeatureBinner::kQuantileSampleRows, so the edges come from a strided sample.
  const TreeTestData d = synthetic_binary(300000, 1, 3, 8);
  ColumnBinning b;
  b.start(d.X_train);
  int pieces = 0;
  while (!b.done()) {
    const size_t visits = b.bin_next();
    ++pieces;
    CHECK(visits <= 2 * kWorkPerPart);  // an edge search sorts at most 200k values: 3.2M visits
  }
  CHECK(pieces > 3 * 3);  // per feature: the edges, then several runs of rows
  const FeatureBinner whole = FeatureBinner::fit(d.X_train);
  CHECK(b.bins() == whole.bin_columns(d.X_train));
  for (size_t f = 0; f < 3; ++f) {
    REQUIRE(b.binner().n_bins(f) == whole.n_bins(f));
    for (int k = 0; k + 1 < whole.n_bins(f); ++k) CHECK(b.binner().threshold(f, k) == whole.threshold(f, k));
  }
}
