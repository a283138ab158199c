#include <catch2/catch.hpp>

#include "core/tune/cv_folds.hpp"

using namespace lab;

namespace {
std::vector<int> times_seen(const Folds& f, size_t rows) {
  std::vector<int> seen(rows, 0);
  for (const auto& fold : f)
    for (size_t r : fold) ++seen.at(r);
  return seen;
}
}  // namespace

TEST_CASE("cv folds: stratified for classes, every row in exactly one fold, seeded", "[tune][cv]") {
  std::vector<double> y;
  for (int i = 0; i < 97; ++i) y.push_back(i % 7 == 0 ? 2.0 : i % 3 == 0 ? 1.0 : 0.0);
  std::map<double, int> total;
  for (double v : y) ++total[v];
  Folds f = cv_folds(y, Task::Multiclass, 5, 11);
  REQUIRE(f.size() == 5);
  for (int s : times_seen(f, y.size())) REQUIRE(s == 1);
  for (const auto& fold : f) {
    std::map<double, int> in;
    for (size_t r : fold) ++in[y[r]];
    for (const auto& [label, n] : total) {  // each class dealt evenly: floor or ceil of n / 5
      REQUIRE(in[label] >= n / 5);
      REQUIRE(in[label] <= (n + 4) / 5);
    }
  }
  REQUIRE(cv_folds(y, Task::Multiclass, 5, 11) == f);
  REQUIRE(cv_folds(y, Task::Multiclass, 5, 12) != f);
}

TEST_CASE("cv folds: plain k-fold for regression covers every row once", "[tune][cv]") {
  std::vector<double> y;
  for (int i = 0; i < 23; ++i) y.push_back(0.5 * i);
  Folds f = cv_folds(y, Task::Regression, 4, 3);
  REQUIRE(f.size() == 4);
  for (int s : times_seen(f, y.size())) REQUIRE(s == 1);
  for (const auto& fold : f) REQUIRE((fold.size() == 5 || fold.size() == 6));
  REQUIRE(cv_folds(y, Task::Regression, 4, 3) == f);
}

TEST_CASE("cv folds: too few rows per class says how many are needed", "[tune][cv]") {
  std::vector<double> y(40, 0.0);
  y[3] = y[9] = y[17] = 1.0;  // three rows of class 1
  REQUIRE_THROWS_WITH(cv_folds(y, Task::Binary, 5, 1, {"No", "Yes"}),
                      Catch::Contains("class 'Yes' has 3 training rows, and every class needs at least 5") &&
                          Catch::Contains("--cv 3"));
  REQUIRE(cv_folds(y, Task::Binary, 3, 1).size() == 3);
  REQUIRE_THROWS_WITH(cv_folds(y, Task::Binary, 1, 1), Catch::Contains("between 2 and 20 folds"));
  REQUIRE_THROWS_WITH(cv_folds({1.0, 2.0}, Task::Regression, 3, 1), Catch::Contains("needs at least 3 training rows"));
}
