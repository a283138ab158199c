// The resumable tree builder (CartTreeGrower): however its work is cut, it grows the tree
// grow_cart_tree grows in one call, random feature draws included.
#include <catch2/catch.hpp>

#include "core/models/tree_cart_builder.hpp"
#include "tree_test_data.hpp"

using namespace lab;
using namespace lab::testing;

namespace {
// A training set's bins, and the builder's view of them (pointing into this object: not copied).
struct Binned {
  Binned(const TreeTestData& d, Task task, int n_classes)
      : binner(FeatureBinner::fit(d.X_train)), bins(binner.bin_columns(d.X_train)),
        data{&binner, bins.data(), d.X_train.rows, d.X_train.cols, task, n_classes, &d.y_train} {}
  Binned(const Binned&) = delete;
  FeatureBinner binner;
  std::vector<uint8_t> bins;
  CartData data;
};
std::vector<uint32_t> all_rows(size_t n) {
  std::vector<uint32_t> rows(n);
  for (size_t i = 0; i < n; ++i) rows[i] = uint32_t(i);
  return rows;
}
}  // namespace

TEST_CASE("a tree grown a little work at a time is the tree grown at once") {
  auto cancer = load_tree_dataset("breast_cancer.csv");
  auto reg = load_tree_dataset("synth_regression.csv");
  for (int which = 0; which < 2; ++which) {
    const TreeTestData& d = which == 0 ? cancer : reg;
    const Task task = which == 0 ? Task::Binary : Task::Regression;
    Binned b(d, task, which == 0 ? 2 : 0);
    CartParams p;
    p.criterion = which == 0 ? SplitCriterion::Entropy : SplitCriterion::SquaredError;
    p.max_features = resolve_max_features("sqrt", d.X_train.cols, task);  // random draws per node
    Rng whole_rng(11);
    const std::string whole = grow_cart_tree(b.data, p, all_rows(d.X_train.rows), whole_rng).to_json().dump();
    for (size_t work : {size_t(1), size_t(200), size_t(5000)}) {
      Rng rng(11);
      CartTreeGrower g(b.data, p, all_rows(d.X_train.rows), rng);
      int calls = 0;
      while (!g.grow(work)) ++calls;
      INFO("task " << which << ", work " << work);
      CHECK(calls > 1);  // the work was really cut
      CHECK(g.take().to_json().dump() == whole);
      CHECK(rng.next_u64() == whole_rng.next_u64());  // and drew the same random numbers
      whole_rng = Rng(11);
      grow_cart_tree(b.data, p, all_rows(d.X_train.rows), whole_rng);
    }
  }
}

TEST_CASE("a grower refuses to hand over a tree it has not finished") {
  auto d = load_tree_dataset("iris.csv");
  Binned b(d, Task::Multiclass, 3);
  Rng rng(1);
  CartTreeGrower g(b.data, CartParams{}, all_rows(d.X_train.rows), rng);
  CHECK_FALSE(g.done());
  CHECK_THROWS_WITH(g.take(), Catch::Contains("not grown yet"));
  CHECK_THROWS_WITH(CartTreeGrower(b.data, CartParams{}, {}, rng), Catch::Contains("zero rows"));
}
