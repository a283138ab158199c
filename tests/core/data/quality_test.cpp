#include <catch2/catch.hpp>

#include "core/data/csv_parser.hpp"
#include "core/data/loan_generator.hpp"
#include "core/data/quality.hpp"
#include "core/data/schema.hpp"

using namespace lab;

namespace {
const QualityCheck* find(const std::vector<QualityCheck>& qs, const std::string& check, const std::string& column) {
  for (const auto& q : qs)
    if (q.check == check && q.column == column) return &q;
  return nullptr;
}
}  // namespace

TEST_CASE("quality: the generated loan data passes every check") {
  for (const auto& q : run_quality_checks(generate_loan_dataset({2000, 1}))) {
    INFO(q.check << ": " << q.message);
    REQUIRE(q.status == CheckStatus::Pass);
  }
}

TEST_CASE("quality: each problem is found and explained") {
  // leak = the label in disguise; const never changes; rows repeat (see below); score has a declared
  // range of 0..10 and one value 12; the target has one missing value; x is 1/3 missing.
  std::string csv = "x,const,leak,score,plan,label\n";
  for (int i = 0; i < 40; ++i) {
    int y = i % 2;
    csv += (i % 3 == 0 ? std::string("") : std::to_string(i % 7)) + ",5," + std::to_string(y * 10 + i % 3) + "," +
           std::to_string(i == 7 ? 12 : i % 10) + "," + (i % 4 ? "a" : "b") + "," + (i == 39 ? "" : std::to_string(y)) + "\n";
  }
  csv += "1,5,11,1,a,1\n";  // repeats row 2 (i = 1); row 34 (i = 33) repeats row 4 by construction
  Table t = parse_csv(csv);
  assign_roles(t, "label");
  t.find("score")->valid_min = 0;
  t.find("score")->valid_max = 10;
  auto qs = run_quality_checks(t);
  for (const auto& q : qs) INFO(q.check << " " << q.column << " " << to_string(q.status) << ": " << q.message);

  const QualityCheck* m = find(qs, "missing_values", "x");
  REQUIRE(m);
  REQUIRE(m->status == CheckStatus::Warn);
  REQUIRE(m->message.find("14 missing values (34.1%)") != std::string::npos);
  const QualityCheck* missing_target = find(qs, "missing_values", "label");
  REQUIRE(missing_target->status == CheckStatus::Warn);
  INFO(missing_target->message);
  REQUIRE(missing_target->message.find("1 row (2.4%) without a target value; training drops it, so 40 rows remain") != std::string::npos);
  const QualityCheck* r = find(qs, "out_of_range", "score");
  REQUIRE(r);
  REQUIRE(r->status == CheckStatus::Fail);
  REQUIRE(r->message.find("1 value outside the documented range 0..10 (first: row 8, value 12)") != std::string::npos);
  const QualityCheck* d = find(qs, "duplicates", "");
  INFO(d->message);
  REQUIRE(d->status == CheckStatus::Warn);
  REQUIRE(d->message.find("2 rows repeat an earlier row (first: row 34)") != std::string::npos);
  REQUIRE(find(qs, "constant", "const")->status == CheckStatus::Warn);
  const QualityCheck* l = find(qs, "leakage", "leak");
  REQUIRE(l);
  REQUIRE(l->status == CheckStatus::Fail);
  REQUIRE(l->message.find("ROC AUC 1") != std::string::npos);
  REQUIRE(find(qs, "leakage", "x") == nullptr);
  REQUIRE(find(qs, "class_balance", "label")->status == CheckStatus::Pass);
}

TEST_CASE("quality: class imbalance warns, then fails; regression leakage by correlation") {
  std::string csv = "f,y\n";
  for (int i = 0; i < 100; ++i) csv += std::to_string(i % 13) + "," + (i < 6 ? "rare" : "common") + "\n";
  Table t = parse_csv(csv);
  assign_roles(t, "y");
  REQUIRE(run_quality_checks(t)[4].check == "class_balance");
  REQUIRE(run_quality_checks(t)[4].status == CheckStatus::Warn);
  std::string csv2 = "f,y\n";
  for (int i = 0; i < 100; ++i) csv2 += std::to_string(i % 13) + "," + (i < 3 ? "rare" : "common") + "\n";
  Table t2 = parse_csv(csv2);
  assign_roles(t2, "y");
  REQUIRE(run_quality_checks(t2)[4].status == CheckStatus::Fail);

  std::string csv3 = "a,b,y\n";
  for (int i = 0; i < 50; ++i)
    csv3 += std::to_string(i + 100) + "," + std::to_string((i * 7) % 11) + "," + std::to_string(2 * i + 0.5 + (i % 2) * 0.1) + "\n";
  Table t3 = parse_csv(csv3);
  assign_roles(t3, "y");
  auto qs = run_quality_checks(t3);
  REQUIRE(find(qs, "leakage", "a")->message.find("correlation 1") != std::string::npos);
  REQUIRE(find(qs, "leakage", "b") == nullptr);
}
