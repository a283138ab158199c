// The boosting tree grower (HistogramTreeGrower) grown a little work at a time grows the tree
// and the leaf predictions grow() makes in one call, depth-wise and best-first.
#include <catch2/catch.hpp>

#include "core/models/histogram_tree_grower.hpp"
#include "tree_test_data.hpp"

using namespace lab;
using namespace lab::testing;

TEST_CASE("a boosting tree grown a little work at a time is the tree grown at once") {
  const TreeTestData d = synthetic_binary(20000, 10, 6, 3);
  const DenseMatrix& X = d.X_train;
  const FeatureBinner binner = FeatureBinner::fit(X);
  const std::vector<uint8_t> by_row = binner.bin_rows(X), by_column = binner.bin_columns(X);
  std::vector<GradPair> gh(X.rows);
  for (size_t i = 0; i < X.rows; ++i) gh[i] = {0.5 - d.y_train[i] + 0.01 * X.at(i, 0), 0.25};
  std::vector<int> features = {0, 1, 2, 3, 4, 5};
  for (BoostTreeParams p : {BoostTreeParams{6, 0, 1.0, 1.0, 0.3}, BoostTreeParams{0, 40, 1.0, 1.0, 0.3}}) {
    auto rows = [&] {
      std::vector<uint32_t> r;
      for (uint32_t i = 0; i < X.rows; i += 1 + i % 3) r.push_back(i);  // a subsample, ascending
      return r;
    };
    HistogramTreeGrower whole_grower(binner, by_row.data(), by_column.data(), X.rows, X.cols);
    std::vector<uint32_t> whole_rows = rows();
    std::vector<double> whole_pred(X.rows, 0.0);
    const std::string whole = whole_grower.grow(gh.data(), whole_rows, features, p, whole_pred.data()).to_json().dump();
    for (size_t work : {size_t(1), size_t(3000), size_t(100000)}) {
      INFO("max_leaves " << p.max_leaves << ", work " << work);
      HistogramTreeGrower g(binner, by_row.data(), by_column.data(), X.rows, X.cols);
      std::vector<uint32_t> r = rows();
      std::vector<double> pred(X.rows, 0.0);
      g.start(gh.data(), r, features, p, pred.data());
      int calls = 1;
      while (!g.grow_some(work)) ++calls;
      CHECK(calls > 2);
      CHECK(g.take().to_json().dump() == whole);
      CHECK(pred == whole_pred);
      CHECK(r == whole_rows);
    }
  }
}
