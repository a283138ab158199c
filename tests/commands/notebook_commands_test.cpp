// recipe.get and recipe.notebook: any run's recipe; the notebook, script and data file of a run,
// with the lab's own split in the data, also for a run on data that is no longer the current one.
#include <catch2/catch.hpp>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "io/tar_archive.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// How many data rows of the CSV carry each split value (the split column is the last one).
std::map<std::string, int> split_counts(const std::string& csv) {
  std::map<std::string, int> n;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  REQUIRE(line.substr(line.rfind(',') + 1) == "lab_split");
  while (std::getline(in, line))
    if (!line.empty()) ++n[line.substr(line.rfind(',') + 1)];
  return n;
}

}  // namespace

TEST_CASE("recipe.notebook: notebook, script and the run's rows with the lab's split", "[notebook][commands]") {
  labtest::SessionFixture f("notebook_export", 5);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 500}, {"seed", 3}});
  const json run = f.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}, {"params", {{"C", 0.5}}}, {"run_name", "loan lr"}});
  const std::string id = run["run_id"];

  const json r = f.ok({{"cmd", "recipe.notebook"}, {"run_id", id}, {"format", "all"}});
  REQUIRE(r["files"].size() == 3);
  REQUIRE(r["notebook_filename"] == "loan-lr-" + id.substr(0, 8) + ".ipynb");
  REQUIRE(r["data_filename"] == "loan-lr-" + id.substr(0, 8) + ".csv");
  const json nb = json::parse(r["files"][0]["text"].get<std::string>());
  REQUIRE(nb["nbformat"] == 4);
  const std::string py = r["files"][1]["text"], csv = r["files"][2]["text"];
  REQUIRE(has(py, "LogisticRegression(C=0.5"));
  REQUIRE(has(py, "RUN_ID = \"" + id + "\""));
  REQUIRE(has(py, "DATA_CSV = os.environ.get(\"LAB_DATA_CSV\", \"" + r["data_filename"].get<std::string>() + "\")"));
  REQUIRE(has(py, "\"roc_auc\": " + json(run["metrics"]["roc_auc"]).dump()));  // the lab's metric, to compare
  // every row, split as the lab split it (about 20% test); no early stopping, so no validation rows
  auto n = split_counts(csv);
  REQUIRE(n["test"] == run["metrics"]["test_rows"]);
  REQUIRE(n["train"] == run["metrics"]["train_rows"]);
  REQUIRE(n["test"] + n["train"] == 500);
  REQUIRE(n.count("validation") == 0);

  // each format on its own, and the three as one archive in a folder named after the run
  REQUIRE(f.ok({{"cmd", "recipe.notebook"}, {"run_id", id}, {"format", "py"}})["text"] == py);
  REQUIRE(f.ok({{"cmd", "recipe.notebook"}, {"run_id", id}})["filename"] == r["notebook_filename"]);
  const std::string tar_path = (std::filesystem::temp_directory_path() / "lab-notebook-test.tar").string();
  const json t = f.ok({{"cmd", "recipe.notebook"}, {"run_id", id}, {"format", "tar"}, {"path", tar_path}});
  REQUIRE(t["filename"] == "loan-lr-" + id.substr(0, 8) + ".tar");
  std::ifstream in(tar_path, std::ios::binary);
  const auto entries = tar::read(std::string(std::istreambuf_iterator<char>(in), {}));
  REQUIRE(entries.size() == 4);  // the folder and its three files
  REQUIRE(entries[3].path == "loan-lr-" + id.substr(0, 8) + "/" + r["data_filename"].get<std::string>());
  REQUIRE(entries[3].content == csv);

  // Other data loaded since: the run's data is made again from its recipe, the same file.
  f.ok({{"cmd", "data.generate"}, {"dataset", "iris"}});
  REQUIRE(f.ok({{"cmd", "recipe.notebook"}, {"run_id", id}, {"format", "csv"}})["text"] == csv);
  const json recipe = f.ok({{"cmd", "recipe.get"}, {"run_id", id}})["recipe"];
  REQUIRE(recipe.front() == json({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 500}, {"seed", 3}}));
  REQUIRE(recipe.back()["cmd"] == "train.run");
  REQUIRE(recipe.back()["params"]["C"] == 0.5);

  REQUIRE(has(f.error({{"cmd", "recipe.notebook"}, {"run_id", "nope"}}), "nope"));
  REQUIRE(has(f.error({{"cmd", "recipe.notebook"}, {"run_id", id}, {"format", "docx"}}), "ipynb, py, csv, all or tar"));
}

TEST_CASE("recipe.notebook: early stopping's validation rows are marked; a regression run scores RMSE",
          "[notebook][commands]") {
  labtest::SessionFixture f("notebook_export_es", 6);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 400}, {"seed", 8}});
  const json boosted = f.ok({{"cmd", "train.run"}, {"algo", "hist_gbdt"},
                             {"params", {{"n_estimators", 30}, {"early_stopping_rounds", 5}, {"validation_fraction", 0.25}}}});
  const json r = f.ok({{"cmd", "recipe.notebook"}, {"run_id", boosted["run_id"]}, {"format", "all"}});
  auto n = split_counts(r["files"][2]["text"]);
  REQUIRE(n["test"] == boosted["metrics"]["test_rows"]);
  REQUIRE(n["train"] + n["validation"] == boosted["metrics"]["train_rows"]);
  REQUIRE(std::abs(n["validation"] - 80) <= 1);  // a quarter of the 320 training rows (rounded per class)
  REQUIRE(has(r["files"][1]["text"], "XGBClassifier(tree_method=\"hist\", max_bin=255, n_estimators=30"));
  REQUIRE(has(r["files"][1]["text"], "eval_set=[(X_validation, y_validation)]"));

  // a choice that reads as JSON ("true") stays the text the learner expects
  const json forest = f.ok({{"cmd", "train.run"}, {"algo", "random_forest"}, {"params", {{"n_estimators", 5}}}});
  REQUIRE(has(f.ok({{"cmd", "recipe.notebook"}, {"run_id", forest["run_id"]}, {"format", "py"}})["text"], "bootstrap=True"));

  f.ok({{"cmd", "data.generate"}, {"dataset", "production_hours"}, {"rows", 300}, {"seed", 2}});
  const json reg = f.ok({{"cmd", "train.run"}, {"algo", "ridge_regression"}});
  const std::string py = f.ok({{"cmd", "recipe.notebook"}, {"run_id", reg["run_id"]}, {"format", "py"}})["text"];
  REQUIRE(has(py, "Ridge(alpha=1.0)"));
  REQUIRE(has(py, "\"rmse\": float(np.sqrt("));
}
