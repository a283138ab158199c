// The report's choice of test per column (Evidently's default rules), the dataset-level share,
// and bad input: an empty window, a column one side lacks, a constant column, missing values.
#include <catch2/catch.hpp>

#include "core/data/csv_parser.hpp"
#include "core/math/rng.hpp"
#include "core/monitor/drift_report.hpp"

namespace {

// A table of `rows` rows: income (normal around `shift`), plan (3 categories), flag (0/1),
// stars (1..4), seeded.
lab::Table sample_table(size_t rows, double shift, uint64_t seed) {
  lab::Rng rng(seed);
  std::string csv = "income,plan,flag,stars\n";
  const char* plans[] = {"basic", "plus", "pro"};
  for (size_t i = 0; i < rows; ++i) {
    csv += std::to_string(50 + shift + 10 * rng.normal()) + "," + plans[rng.below(3)] + "," +
           std::to_string(rng.below(2)) + "," + std::to_string(1 + rng.below(4)) + "\n";
  }
  return lab::parse_csv(csv);
}

const lab::ColumnDrift& col(const lab::DriftReport& r, const std::string& name) {
  for (const auto& c : r.columns)
    if (c.column == name) return c;
  FAIL("no column " << name);
  return r.columns.front();
}

}  // namespace

TEST_CASE("small references get p-value tests, large ones distances, as Evidently chooses", "[drift]") {
  lab::DriftReport small = lab::drift_report(sample_table(800, 0, 1), sample_table(300, 0, 12));
  CHECK(col(small, "income").test == lab::DriftTest::KolmogorovSmirnov);
  CHECK(col(small, "plan").test == lab::DriftTest::ChiSquared);
  CHECK(col(small, "flag").test == lab::DriftTest::ZTest);
  CHECK(col(small, "stars").test == lab::DriftTest::ChiSquared);  // a number with 4 values
  std::string ps;
  for (const auto& c : small.columns) ps += c.column + " p=" + std::to_string(*c.p_value) + " ";
  INFO(ps);
  CHECK(small.drifted == 0);
  CHECK_FALSE(small.dataset_drift);

  lab::DriftReport large = lab::drift_report(sample_table(3000, 0, 3), sample_table(2000, 5, 4));
  CHECK(col(large, "income").test == lab::DriftTest::Wasserstein);
  CHECK(col(large, "plan").test == lab::DriftTest::JensenShannon);
  CHECK(col(large, "stars").test == lab::DriftTest::JensenShannon);
  // Income moved by half a standard deviation: drift there only, 1 of 4 columns.
  CHECK(col(large, "income").drifted);
  CHECK(col(large, "income").statistic == Approx(0.5).margin(0.1));
  CHECK(large.drifted == 1);
  CHECK(large.share == 0.25);
  CHECK_FALSE(large.dataset_drift);
  lab::DriftOptions lenient;
  lenient.drift_share = 0.25;
  CHECK(lab::drift_report(sample_table(3000, 0, 3), sample_table(2000, 5, 4), lenient).dataset_drift);
}

TEST_CASE("drift report bad input says what is wrong", "[drift]") {
  lab::Table ref = sample_table(100, 0, 5);
  lab::Table empty = lab::parse_csv("income,plan,flag,stars\n1,basic,0,1\n");
  for (auto& c : empty.columns) c.values.clear();
  CHECK_THROWS_WITH(lab::drift_report(ref, empty), Catch::Contains("current window has no rows"));
  CHECK_THROWS_WITH(lab::drift_report(empty, ref), Catch::Contains("reference data has no rows"));

  lab::Table extra = lab::parse_csv("income,plan,flag,stars,age\n1,basic,0,1,30\n");
  CHECK_THROWS_WITH(lab::drift_report(ref, extra), Catch::Contains("column 'age' is in the current data but not in the reference"));
  lab::Table fewer = lab::parse_csv("income,plan\n1,basic\n");
  CHECK_THROWS_WITH(lab::drift_report(ref, fewer), Catch::Contains("the current data has no column 'flag'"));
  lab::Table text_income = lab::parse_csv("income,plan,flag,stars\nlots,basic,0,1\n");
  CHECK_THROWS_WITH(lab::drift_report(ref, text_income), Catch::Contains("'income' is numeric in the reference but categorical"));
}

TEST_CASE("constant columns and missing values are reported, not hidden", "[drift]") {
  lab::Table ref = lab::parse_csv("a,b\n1,5\n1,NaN\n1,7\n1,8\n1,9\n1,10\n1,11\n");
  lab::Table cur = lab::parse_csv("a,b\n1,NA\n1,NA\n1,6\n");
  lab::DriftReport r = lab::drift_report(ref, cur);
  const auto& a = col(r, "a");
  REQUIRE(a.tested);
  CHECK_FALSE(a.drifted);
  CHECK(a.p_value == 1.0);
  REQUIRE(a.notes.size() == 1);
  CHECK_THAT(a.notes[0], Catch::Contains("one value only (1)"));
  const auto& b = col(r, "b");
  CHECK(b.reference_missing == 1);
  CHECK(b.current_missing == 2);
  CHECK(b.current_values == 1);
  CHECK_THAT(b.notes[0], Catch::Contains("1 missing in the reference and 2 in the current data were left out"));

  lab::Table all_missing = lab::parse_csv("a,b\n1,NA\n2,NA\n");
  lab::DriftReport m = lab::drift_report(ref, all_missing);
  CHECK_FALSE(col(m, "b").tested);
  CHECK_THAT(col(m, "b").problem, Catch::Contains("every value of 'b' is missing in the current data"));
  CHECK(m.tested == 1);  // the untestable column does not count in the share

  // A reference that is constant where the current data varies: Wasserstein's std floor.
  lab::DriftSample flat{false, std::vector<double>(1500, 7.0), {}}, moved{false, {}, {}};
  for (int i = 0; i < 1200; ++i) moved.numbers.push_back(7.0 + 0.001 * (i % 10));
  lab::ColumnDrift d = lab::column_drift("flat", flat, moved);
  CHECK(d.test == lab::DriftTest::Wasserstein);
  CHECK(d.drifted);
  CHECK_THAT(d.notes[0], Catch::Contains("constant in the reference (always 7)"));
}
