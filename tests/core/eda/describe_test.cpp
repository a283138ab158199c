#include <catch2/catch.hpp>
#include <cmath>

#include "core/data/loan_generator.hpp"
#include "core/eda/describe.hpp"

using namespace lab;

namespace {
Column numeric(std::vector<double> v) {
  Column c;
  c.name = "x";
  c.values = std::move(v);
  return c;
}
}  // namespace

TEST_CASE("summaries match pandas' describe") {
  // pandas.Series([1, 2, 3, 4, 10, None]).describe():
  //   count 5, mean 4.0, std 3.535534, min 1, 25% 2, 50% 3, 75% 4, max 10
  ColumnSummary s = summarize(numeric({1, 2, 3, 4, 10, NAN}));
  REQUIRE(s.count == 5);
  REQUIRE(s.missing == 1);
  REQUIRE(s.distinct == 5);
  REQUIRE(s.mean == 4.0);
  REQUIRE(s.std == Approx(3.5355339059).epsilon(1e-9));
  REQUIRE(s.q25 == 2.0);
  REQUIRE(s.median == 3.0);
  REQUIRE(s.q75 == 4.0);
  REQUIRE(summarize(numeric({1, 2, 3, 4})).q25 == Approx(1.75));  // numpy linear interpolation
}

TEST_CASE("histograms split by class count every row once; the maximum lands in the last bin") {
  Column x = numeric({0, 1, 2, 3, 4, 5, 6, 7, 8, 10});
  Column y = numeric({0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
  Histogram h = histogram(x, 5, &y);
  REQUIRE(h.groups == std::vector<std::string>{"0", "1"});
  REQUIRE(h.edges.front() == 0);
  REQUIRE(h.edges.back() == 10);
  REQUIRE(h.counts[0] == std::vector<double>{2, 2, 1, 0, 0});
  REQUIRE(h.counts[1] == std::vector<double>{0, 0, 1, 2, 2});
}

TEST_CASE("categorical columns get one bar per category") {
  Column c;
  c.type = ColumnType::Categorical;
  c.categories = {"rent", "own", "mortgage"};
  c.values = {0, 1, 1, 2, 2, 2, NAN};
  Histogram h = histogram(c, 10, nullptr);
  REQUIRE(h.counts.size() == 1);
  REQUIRE(h.counts[0] == std::vector<double>{1, 2, 3});
}

TEST_CASE("correlations: perfect, inverse, constant, and the loan data's credit signal") {
  Table t;
  t.columns = {numeric({1, 2, 3, 4}), numeric({2, 4, 6, 8}), numeric({4, 3, 2, 1}), numeric({5, 5, 5, 5})};
  CorrelationMatrix m = correlations(t);
  REQUIRE(m.at(0, 1) == Approx(1.0));
  REQUIRE(m.at(0, 2) == Approx(-1.0));
  REQUIRE(std::isnan(m.at(0, 3)));

  Table loan = generate_loan_dataset({5000, 42});
  CorrelationMatrix lm = correlations(loan);
  size_t credit = 2, approved = 6;
  REQUIRE(lm.names[credit] == "credit_score");
  REQUIRE(lm.names[approved] == "approved");
  REQUIRE(lm.at(credit, approved) > 0.2);  // the generating process rewards credit score
}
