#include <catch2/catch.hpp>
#include <filesystem>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {
struct Fixture : labtest::SessionFixture {
  explicit Fixture(const char* name) : SessionFixture(std::string("lab_data_cmd_") + name, 5) {}
};
bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("data commands: every workshop dataset by name, with its task and process") {
  Fixture f("catalog");
  json list = f.ok({{"cmd", "data.datasets"}})["datasets"];
  REQUIRE(list.size() == 6);
  json churn = f.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 800}, {"seed", 3}});
  REQUIRE(churn["target"] == "Churn");
  REQUIRE(churn["task"] == "binary");
  REQUIRE(churn["classes"] == json({"No", "Yes"}));
  REQUIRE(has(churn["process"], "Month-to-month"));
  json iris = f.ok({{"cmd", "data.generate"}, {"dataset", "iris"}});
  REQUIRE(iris["rows"] == 150);
  REQUIRE(iris["task"] == "multiclass");
  REQUIRE(iris["source"] == "bundled");
  json hours = f.ok({{"cmd", "data.generate"}, {"dataset", "production_hours"}, {"rows", 300}});
  REQUIRE(hours["task"] == "regression");
  REQUIRE(has(f.error({{"cmd", "data.generate"}, {"dataset", "titanic"}}), "unknown dataset 'titanic'; available: loan"));
  REQUIRE(f.session.dataset()->name == "production_hours");  // a failed command changes nothing
}

TEST_CASE("data commands: import, preview, schema, export round trip, set_target") {
  Fixture f("import");
  std::string csv = "id,plan,spend,churned\n1,basic,10.5,no\n2,\"pro, annual\",NA,yes\n3,basic,7,no\n";
  json r = f.ok({{"cmd", "data.import_csv"}, {"name", "mine.csv"}, {"text", csv}, {"target", "churned"}});
  REQUIRE(r["rows"] == 3);
  REQUIRE(r["task"] == "binary");
  REQUIRE(r["source"] == "imported");
  json prev = f.ok({{"cmd", "data.preview"}, {"limit", 2}});
  REQUIRE(prev["rows"][1] == json({2, "pro, annual", nullptr, "yes"}));
  json schema = f.ok({{"cmd", "data.schema"}})["columns"];
  REQUIRE(schema[1]["categories"] == json({"basic", "pro, annual"}));
  REQUIRE(schema[1]["category_counts"] == json({2, 1}));
  REQUIRE(schema[2]["missing"] == 1);
  REQUIRE(schema[3]["role"] == "target");

  json exp = f.ok({{"cmd", "data.export_csv"}});
  REQUIRE(has(exp["filename"], "mine.csv-"));
  json again = f.ok({{"cmd", "data.import_csv"}, {"name", "mine.csv"}, {"text", exp["text"]}, {"target", "churned"}});
  REQUIRE(again["hash"] == r["hash"]);  // same data, same version id

  json st = f.ok({{"cmd", "data.set_target"}, {"column", "spend"}});
  REQUIRE(st["target"] == "spend");
  REQUIRE(st["task"] == "regression");
  REQUIRE(st["hash"] != r["hash"]);
  REQUIRE(has(f.error({{"cmd", "data.set_target"}, {"column", "nope"}}), "no column 'nope'; the columns are: id, plan"));
  REQUIRE(has(f.error({{"cmd", "data.set_target"}}), "'column' is required"));
}

TEST_CASE("data commands: import errors name the line, the column and the fix") {
  Fixture f("errors");
  REQUIRE(has(f.error({{"cmd", "data.import_csv"}}), "field 'text' (the CSV content as one string) or 'path'"));
  REQUIRE(has(f.error({{"cmd", "data.import_csv"}, {"text", ""}}), "the file is empty"));
  REQUIRE(has(f.error({{"cmd", "data.import_csv"}, {"text", "a,b\n1,2,3\n"}}), "line 2: this row has 3 fields"));
  REQUIRE(has(f.error({{"cmd", "data.import_csv"}, {"text", "a,b\n1,2\n"}, {"target", "c"}}),
              "no column 'c' to use as the target; the columns are: a, b"));
  REQUIRE(has(f.error({{"cmd", "data.quality"}}), "no dataset yet"));
  REQUIRE(has(f.error({{"cmd", "data.export_csv"}}), "no dataset yet"));
}

TEST_CASE("data commands: quality checklist and k-fold") {
  Fixture f("quality");
  f.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 1000}, {"seed", 1}});
  json q = f.ok({{"cmd", "data.quality"}});
  REQUIRE(q["fail"] == 0);
  bool total_charges_warned = false;
  for (const auto& c : q["checks"])
    if (c["check"] == "missing_values" && c["column"] == "TotalCharges") total_charges_warned = c["status"] == "warn";
  REQUIRE(total_charges_warned);  // new customers have no bill yet, as in the original data

  json k = f.ok({{"cmd", "data.kfold"}, {"k", 4}, {"seed", 2}});
  REQUIRE(k["stratified"] == true);
  REQUIRE(k["folds"].size() == 4);
  size_t total = 0;
  for (const auto& fold : k["folds"]) total += fold["test_rows"].get<size_t>();
  REQUIRE(total == 1000);
  REQUIRE(has(f.error({{"cmd", "data.kfold"}, {"k", 1}}), "'k' must be between 2 and 100"));
  f.ok({{"cmd", "data.generate"}, {"dataset", "production_hours"}, {"rows", 100}});
  REQUIRE(f.ok({{"cmd", "data.kfold"}, {"k", 3}})["stratified"] == false);
}

TEST_CASE("data commands: train on imported CSV with categorical features; regression needs a regressor") {
  Fixture f("train");
  f.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 1500}, {"seed", 8}});
  std::string text = f.ok({{"cmd", "data.export_csv"}})["text"];
  f.ok({{"cmd", "data.import_csv"}, {"name", "churn.csv"}, {"text", text}, {"target", "Churn"}});
  REQUIRE(f.session.dataset()->table.find("customerID")->role == ColumnRole::Id);  // found again on import
  json run = f.ok({{"cmd", "train.run"}, {"features", {{"scale", "standard"}}}});
  REQUIRE(run["state"] == "done");
  REQUIRE(run["metrics"]["roc_auc"].get<double>() > 0.7);
  f.ok({{"cmd", "data.generate"}, {"dataset", "production_hours"}, {"rows", 300}});
  json bad = f.d.handle({{"cmd", "train.start"}, {"algo", "logistic_regression"}});
  REQUIRE(bad["ok"] == false);
  REQUIRE(has(bad["error"], "logistic_regression does not do regression"));
}
