#include <catch2/catch.hpp>
#include <cmath>

#include "core/data/loan_generator.hpp"
#include "core/data/schema.hpp"

using namespace lab;

TEST_CASE("the loan generator is deterministic per seed") {
  Table a = generate_loan_dataset({2000, 42});
  Table b = generate_loan_dataset({2000, 42});
  Table c = generate_loan_dataset({2000, 43});
  REQUIRE(content_hash(a) == content_hash(b));
  REQUIRE(content_hash(a) != content_hash(c));
  REQUIRE(a.rows() == 2000);
  REQUIRE(a.cols() == 7);
  REQUIRE(a.target()->name == "approved");
}

TEST_CASE("loan columns stay in their documented ranges with a sensible approval rate") {
  Table t = generate_loan_dataset({20000, 1});
  Schema s = infer_schema(t);
  auto col = [&](const char* n) -> const ColumnSchema& {
    for (const auto& c : s.columns)
      if (c.name == n) return c;
    FAIL(n);
    throw;
  };
  REQUIRE(col("age").min >= 21);
  REQUIRE(col("age").max <= 70);
  REQUIRE(col("credit_score").min >= 300);
  REQUIRE(col("credit_score").max <= 850);
  REQUIRE(col("debt_to_income").min >= 0.01);
  REQUIRE(col("debt_to_income").max <= 0.90);
  REQUIRE(col("income").mean == Approx(65000).margin(8000));
  for (size_t i = 0; i < t.rows(); ++i) REQUIRE(t.find("employment_years")->values[i] <= t.find("age")->values[i] - 18);
  double rate = col("approved").mean;
  REQUIRE(rate > 0.35);
  REQUIRE(rate < 0.70);
  for (const auto& c : s.columns) REQUIRE(c.missing == 0);
}

TEST_CASE("the loan generator rejects impossible row counts") {
  REQUIRE_THROWS_WITH(generate_loan_dataset({-5, 1}), Catch::Contains("rows must be between"));
  REQUIRE_THROWS_AS(generate_loan_dataset({2'000'000, 1}), std::invalid_argument);
}
