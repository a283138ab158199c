#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/data/bundled_csv.hpp"
#include "core/data/csv_parser.hpp"
#include "core/data/schema.hpp"
#include "core/data/split.hpp"
#include "core/data/target_task.hpp"

using namespace lab;

TEST_CASE("roles: target by name or guess, id-like columns flagged, observed categories in the schema") {
  std::string csv = "row,customerID,name,Label,age,zip\n";
  for (int i = 0; i < 30; ++i)
    csv += std::to_string(i + 1) + ",C" + std::to_string(1000 + i) + ",person" + std::to_string(i) + "," +
           (i % 3 ? "yes" : "no") + "," + std::to_string(20 + i) + "," + (i % 2 ? "02139" : "10001") + "\n";
  Table t = parse_csv(csv);
  assign_roles(t, "");
  REQUIRE(t.find("Label")->role == ColumnRole::Target);  // guessed by name
  REQUIRE(t.find("row")->role == ColumnRole::Id);        // counts rows 1..n
  REQUIRE(t.find("customerID")->role == ColumnRole::Id);
  REQUIRE(t.find("name")->role == ColumnRole::Id);       // all-distinct text
  REQUIRE(t.find("age")->role == ColumnRole::Feature);   // distinct numbers, but not 0..n-1 / 1..n
  REQUIRE(t.find("zip")->role == ColumnRole::Feature);
  // The schema view says which part of the id rule matched.
  REQUIRE(id_reason(*t.find("row")) == "unique whole numbers 1..n, one per row (a row counter)");
  REQUIRE(id_reason(*t.find("customerID")) == "named like an identifier, with every value different");
  REQUIRE(id_reason(*t.find("name")) == "text with every value different (a name or code, not a category)");
  REQUIRE(id_reason(*t.find("age")).empty());
  REQUIRE(infer_schema(t).find("row")->role_reason == "id: unique whole numbers 1..n, one per row (a row counter)");
  assign_roles(t, "age");
  REQUIRE(t.find("age")->role == ColumnRole::Target);
  REQUIRE(t.find("Label")->role == ColumnRole::Feature);
  REQUIRE_THROWS_WITH(assign_roles(t, "Age"), Catch::Contains("no column 'Age' to use as the target; the columns are: row"));

  Schema s = infer_schema(t);
  const ColumnSchema* zip = s.find("zip");
  REQUIRE(zip->categories == std::vector<std::string>{"02139", "10001"});
  REQUIRE(zip->category_counts == std::vector<size_t>{15, 15});
  REQUIRE(s.find("age")->distinct == 30);
  REQUIRE(s.find("age")->max == 49);
}

TEST_CASE("task detection: categorical, integer classes, regression, overrides") {
  Table t = parse_csv("c,b,k,r,one\nx,0,1,0.5,7\ny,1,2,1.5,7\nz,1,3,2,7\nx,0,3,2.5,7\n");
  TargetTask c = detect_target_task(t.columns[0]);
  REQUIRE(c.task == Task::Multiclass);
  REQUIRE(c.class_names == std::vector<std::string>{"x", "y", "z"});
  TargetTask b = detect_target_task(t.columns[1]);
  REQUIRE(b.task == Task::Binary);
  REQUIRE(b.class_names == std::vector<std::string>{"0", "1"});
  TargetTask k = detect_target_task(t.columns[2]);
  REQUIRE(k.task == Task::Multiclass);
  REQUIRE(k.label_of(3.0) == 2.0);
  REQUIRE(std::isnan(k.label_of(4.0)));
  REQUIRE(detect_target_task(t.columns[2], "regression").task == Task::Regression);
  REQUIRE(detect_target_task(t.columns[3]).task == Task::Regression);
  REQUIRE_THROWS_WITH(detect_target_task(t.columns[3], "binary"), Catch::Contains("fractional numbers"));
  REQUIRE_THROWS_WITH(detect_target_task(t.columns[0], "regression"), Catch::Contains("holds categories"));
  REQUIRE_THROWS_WITH(detect_target_task(t.columns[4]), Catch::Contains("only one class"));
  REQUIRE_THROWS_WITH(detect_target_task(t.columns[0], "ordinal"), Catch::Contains("unknown task 'ordinal'"));
}

TEST_CASE("k-fold: seeded, every row once, stratified folds keep class shares") {
  std::vector<double> y;
  for (int i = 0; i < 103; ++i) y.push_back(i % 10 < 3 ? 1.0 : 0.0);  // 31 ones
  Folds f = stratified_kfold(y, 5, 7);
  REQUIRE(f.size() == 5);
  std::vector<int> seen(y.size(), 0);
  for (size_t k = 0; k < 5; ++k) {
    double ones = 0;
    for (size_t r : f[k]) ++seen[r], ones += y[r];
    REQUIRE((f[k].size() == 20 || f[k].size() == 21));
    REQUIRE((ones == 6 || ones == 7));
    REQUIRE(train_rows_of(f, k).size() == y.size() - f[k].size());
  }
  for (int s : seen) REQUIRE(s == 1);
  REQUIRE(stratified_kfold(y, 5, 7) == f);
  REQUIRE(stratified_kfold(y, 5, 8) != f);
  Folds p = kfold(10, 3, 1);
  REQUIRE(p[0].size() + p[1].size() + p[2].size() == 10);
  REQUIRE(p[0].size() == 3);
  REQUIRE_THROWS_WITH(kfold(3, 4, 1), Catch::Contains("k must be between 2 and the number of rows (3)"));
}

TEST_CASE("bundled CSVs compiled in are identical to assets/*.csv") {
  // The repository root from this file's path (absolute in CMake builds, also under Node's NODERAWFS).
  auto root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
  for (const auto& b : bundled_csvs()) {
    INFO(b.name);
    std::ifstream in(root / "assets" / (std::string(b.name) + ".csv"), std::ios::binary);
    REQUIRE(in.good());
    std::stringstream ss;
    ss << in.rdbuf();
    REQUIRE(ss.str() == std::string(b.text));
  }
}
