#include <catch2/catch.hpp>

#include "core/eval/confusion_summary.hpp"

using namespace lab;

TEST_CASE("a small confusion matrix is kept whole, in class order") {
  std::vector<std::vector<size_t>> m = {{5, 1, 0}, {2, 7, 1}, {0, 0, 3}};
  ConfusionSummary s = summarise_confusion(m, 20);
  CHECK(s.shown == std::vector<size_t>{0, 1, 2});
  CHECK(s.other_classes == 0);
  CHECK(s.matrix == m);
  // per class, most rows first: class 1 (10 rows), class 0 (6), class 2 (3)
  REQUIRE(s.per_class.size() == 3);
  CHECK(s.per_class[0].cls == 1);
  CHECK(s.per_class[0].recall == Approx(0.7));
  CHECK(s.per_class[0].precision == Approx(7.0 / 8.0));
  CHECK(s.per_class[0].confused_with == 0);
  CHECK(s.per_class[0].confused_count == 2);
  CHECK(s.per_class[2].cls == 2);
  CHECK(s.per_class[2].confused_with == -1);  // never wrong
}

TEST_CASE("a 100-class confusion matrix becomes the largest classes plus 'other', counts preserved") {
  const size_t k = 100;
  std::vector<std::vector<size_t>> m(k, std::vector<size_t>(k, 0));
  size_t total = 0;
  for (size_t a = 0; a < k; ++a) {
    m[a][a] = a + 1;                // class 99 has the most rows
    m[a][(a + 1) % k] = 1;          // one mistake each, into the next class
    total += a + 2;
  }
  ConfusionSummary s = summarise_confusion(m, 15);
  REQUIRE(s.shown.size() == 15);
  CHECK(s.shown.front() == 99);
  CHECK(s.shown.back() == 85);
  CHECK(s.other_classes == 85);
  REQUIRE(s.matrix.size() == 16);
  size_t sum = 0;
  for (const auto& row : s.matrix)
    for (size_t v : row) sum += v;
  CHECK(sum == total);
  CHECK(s.matrix[0][0] == 100);  // class 99 right
  CHECK(s.matrix[0][15] == 1);   // class 99 mistaken for class 0, which is in "other"
  CHECK(s.matrix[1][0] == 1);    // class 98 mistaken for class 99
  REQUIRE(s.per_class.size() == k);
  CHECK(s.per_class[0].cls == 99);
  CHECK(s.per_class[0].confused_with == 0);
}
