// data.import_csv, data.set_task and data.quality on the files participants really bring.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {
struct Fixture : labtest::SessionFixture {
  explicit Fixture(const char* name) : SessionFixture(std::string("lab_hostile_") + name, 9) {}
};
bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }
std::string write_file(const std::string& name, const std::string& bytes) {
  auto p = std::filesystem::temp_directory_path() / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p.string();
}
}  // namespace

TEST_CASE("import: a Windows-1252 file with accented names imports with the note, by path") {
  Fixture f("cp1252");
  // José, Müller and 5€ as Windows spreadsheets save them (E9, FC, 80).
  std::string csv = "name,city,price,bought\n";
  for (int i = 0; i < 30; ++i)
    csv += std::string(i % 2 ? "Jos\xE9" : "M\xFCller") + "," + (i % 3 ? "K\xF6ln" : "Paris") + "," +
           std::to_string(i % 7) + "\x80," + (i % 2 ? "yes" : "no") + "\n";
  const std::string path = write_file("lab_hostile_cp1252.csv", csv);
  json r = f.ok({{"cmd", "data.import_csv"}, {"path", path}, {"target", "bought"}});
  REQUIRE(r["import_note"] == "read as Windows-1252; 80 characters converted");
  REQUIRE(r["dataset"] == "lab_hostile_cp1252.csv");
  json schema = f.ok({{"cmd", "data.schema"}})["columns"];
  REQUIRE(schema[0]["categories"] == json({"Jos\xC3\xA9", "M\xC3\xBCller"}));
  REQUIRE(schema[1]["categories"] == json({"K\xC3\xB6ln", "Paris"}));
  REQUIRE(has(schema[2]["categories"][0].get<std::string>(), "\xE2\x82\xAC"));  // the euro sign survived
  // Every reply serialises as strict UTF-8, and the run trains and logs with the names.
  REQUIRE_NOTHROW(schema.dump());
  json run = f.ok({{"cmd", "train.run"}, {"algo", "decision_tree"}});
  REQUIRE(run["state"] == "done");
  REQUIRE(f.session.store().get_run(run["run_id"]).tags.at("lab.target") == "bought");
}

TEST_CASE("import: binary files are refused naming what they are, and nothing changes") {
  Fixture f("binary");
  f.ok({{"cmd", "data.generate"}, {"dataset", "iris"}});
  const std::string png = write_file("lab_hostile.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01", 24));
  std::string e = f.error({{"cmd", "data.import_csv"}, {"path", png}});
  REQUIRE(has(e, "this file looks like a PNG image, not a CSV text file"));
  REQUIRE(f.session.dataset()->name == "iris");
  REQUIRE(has(f.error({{"cmd", "data.import_csv"}, {"path", "/no/such/file.csv"}}), "there is no file at '/no/such/file.csv'"));
}

TEST_CASE("import: UTF-16 with a byte-order mark") {
  Fixture f("utf16");
  std::string utf8 = "x,Gr\xC3\xB6\xC3\x9F" "e,target\n";
  for (int i = 0; i < 20; ++i) utf8 += std::to_string(i) + "," + std::to_string(i % 4) + "," + std::to_string(i % 2) + "\n";
  std::string le = "\xFF\xFE";
  // Encode as UTF-16 LE by hand: every character here is below U+0100.
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = utf8[i];
    char32_t cp = c;
    if (c >= 0xC0) cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
    le += char(cp & 0xFF);
    le += char(cp >> 8);
  }
  json r = f.ok({{"cmd", "data.import_csv"}, {"path", write_file("lab_hostile_u16.csv", le)}});
  REQUIRE(has(r["import_note"], "read as UTF-16 LE"));
  REQUIRE(f.ok({{"cmd", "data.schema"}})["columns"][1]["name"] == "Gr\xC3\xB6\xC3\x9F" "e");
}

TEST_CASE("set_task: the reason is shown, the choice is used by runs, the impossible is refused") {
  Fixture f("task");
  std::string csv = "hours,grade,plan\n";
  for (int i = 0; i < 400; ++i) csv += std::to_string(i % 37) + ".5," + std::to_string(i % 50) + "," + (i % 3 ? "a" : "b") + "\n";
  json r = f.ok({{"cmd", "data.import_csv"}, {"text", csv}, {"target", "grade"}});
  REQUIRE(r["task"] == "regression");
  REQUIRE(r["task_reason"] == "50 distinct whole numbers (more than 10): treated as regression");
  REQUIRE(r["task_choice"] == "auto");
  json chosen = f.ok({{"cmd", "data.set_task"}, {"task", "multiclass"}});
  REQUIRE(chosen["task"] == "multiclass");
  REQUIRE(chosen["task_reason"] ==
          "chosen: multiclass (the automatic choice: 50 distinct whole numbers (more than 10): treated as regression)");
  // The quality checklist follows the chosen task: balance is judged over the 50 classes now.
  const json quality = f.ok({{"cmd", "data.quality"}});
  bool balance_per_class = false;
  for (const auto& c : quality["checks"])
    if (c["check"] == "class_balance") balance_per_class = has(c["message"], "smallest class '");
  REQUIRE(balance_per_class);
  json run = f.ok({{"cmd", "train.run"}, {"algo", "decision_tree"}, {"params", {{"max_depth", 3}}}});
  REQUIRE(run["task"] == "multiclass");
  REQUIRE(has(f.error({{"cmd", "data.set_task"}, {"task", "binary"}}),
              "binary classification needs exactly 2 classes; the target 'grade' has 50. Use multiclass."));
  REQUIRE(has(f.error({{"cmd", "data.set_task"}, {"task", "sideways"}}), "unknown task 'sideways'"));
  REQUIRE(f.session.dataset()->task == "multiclass");  // a refused choice changes nothing
  f.ok({{"cmd", "data.set_target"}, {"column", "plan"}});
  REQUIRE(f.session.dataset()->task == "auto");  // a new target starts from the rule again
  REQUIRE(has(f.error({{"cmd", "data.set_task"}, {"task", "regression"}}),
              "holds categories; regression needs a numeric target. Use binary or multiclass."));
  json back = f.ok({{"cmd", "data.set_target"}, {"column", "hours"}});
  REQUIRE(back["task_reason"] == "fractional numbers: treated as regression");
  REQUIRE(has(f.error({{"cmd", "data.set_task"}, {"task", "multiclass"}}), "holds fractional numbers"));
}

TEST_CASE("missing target values: counted in the checklist, dropped by training, tagged on the run") {
  Fixture f("missing_target");
  std::string csv = "a,b,target\n";
  for (int i = 0; i < 100; ++i) csv += std::to_string(i % 10) + "," + std::to_string(i * 3 % 7) + "," + (i % 9 == 0 ? "" : std::to_string(i % 2)) + "\n";
  json r = f.ok({{"cmd", "data.import_csv"}, {"text", csv}});
  REQUIRE(r["rows_missing_target"] == 12);
  bool found = false;
  const json quality = f.ok({{"cmd", "data.quality"}});
  for (const auto& c : quality["checks"])
    if (c["column"] == "target" && c["check"] == "missing_values") {
      found = true;
      REQUIRE(c["status"] == "warn");
      REQUIRE(c["message"] == "12 rows (12.0%) without a target value; training drops them, so 88 rows remain to train and test on.");
    }
  REQUIRE(found);
  json run = f.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}});
  REQUIRE(run["rows_dropped_missing_target"] == 12);
  REQUIRE(run["metrics"]["train_rows"].get<int>() + run["metrics"]["test_rows"].get<int>() == 88);
  REQUIRE(f.session.store().get_run(run["run_id"]).tags.at("lab.rows_dropped_missing_target") == "12");
}
