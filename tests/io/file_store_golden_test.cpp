// The exact on-disk layout, byte for byte, against tests/reference/tracking_golden/: what MLflow's
// FileStore writes for the same scenario (made by tests/reference/make_tracking_golden.py with
// PyYAML, following mlflow/store/tracking/file_store.py).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "io/file_store.hpp"

using namespace lab;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::map<std::string, std::string> tree(const fs::path& root, const std::string& root_text) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::string text = slurp(e.path());
    for (size_t at; (at = text.find(root_text)) != std::string::npos;) text.replace(at, root_text.size(), "ROOT");
    out[fs::relative(e.path(), root).generic_string()] = text;
  }
  return out;
}

const std::string kExp = "123456789012345678";
const std::string kRun = "0123456789abcdef0123456789abcdef";
const std::string kRun2 = "fedcba9876543210fedcba9876543210";

}  // namespace

TEST_CASE("a fixed scenario writes exactly the files MLflow's FileStore writes") {
  fs::path root = fs::temp_directory_path() / "lab_test_golden";
  fs::remove_all(root);
  FixedClock clock;
  const int64_t t0 = clock.t;
  FileStore store(root, clock);
  store.ensure_default_experiment();
  clock.t = t0 + 1000;
  store.create_experiment(kExp, "loan study");
  clock.t = t0 + 2000;
  store.create_run(kExp, kRun, "baseline", "ana");
  LogBatch b;
  b.params = {{"C", "0.5"}, {"algo", "logistic_regression"}};
  b.tags = {{kTagSourceName, "mlops-lab"}, {kTagSourceType, "LOCAL"}};
  b.metrics = {{"train_loss", 0.7, t0 + 2101, 1}, {"train_loss", 0.5, t0 + 2102, 2}, {"train_loss", 0.25, t0 + 2103, 3}};
  store.log_batch(kRun, b);
  DatasetInput in;
  in.dataset = {"loan", "3f2a9c0d1e", "code", R"({"tags": {"lab.generator": "loan"}})",
                R"({"mlflow_colspec": [{"type": "double", "name": "age", "required": true}]})", R"({"num_rows": 5000})"};
  in.tags[kTagDataContext] = "training";
  store.log_inputs(kRun, {in});
  store.log_inputs(kRun, {in});  // logging the same input twice changes nothing
  clock.t = t0 + 3000;
  store.log_metric(kRun, "accuracy", 0.875, 3);
  store.write_artifact(kRun, "model/model.json", "{}");
  clock.t = t0 + 4000;
  store.end_run(kRun, RunStatus::Finished);
  clock.t = t0 + 5000;
  store.rename_run(kRun, "baseline v2");
  store.set_note(kRun, "First try.\nUses C=0.5");
  clock.t = t0 + 5500;
  store.create_run(kExp, kRun2, "scrap", "ana");
  clock.t = t0 + 6000;
  store.delete_run(kRun2);
  clock.t = t0 + 7000;
  store.create_experiment("999999999999999999", "scratch");
  clock.t = t0 + 8000;
  store.delete_experiment("999999999999999999");

  fs::path golden = fs::path(__FILE__).parent_path().parent_path() / "reference" / "tracking_golden";
  REQUIRE(fs::exists(golden));
  auto expected = tree(golden, "\x01");
  auto actual = tree(root, root.string());
  for (const auto& [path, text] : expected) {
    INFO("file " << path);
    REQUIRE(actual.count(path) == 1);
    REQUIRE(actual[path] == text);
  }
  for (const auto& [path, text] : actual) {
    INFO("unexpected file " << path);
    REQUIRE(expected.count(path) == 1);
  }

  // And it reads back as the same entities.
  Run r = store.get_run(kRun);
  REQUIRE(r.info.run_name == "baseline v2");
  REQUIRE(r.tags.at(kTagNote) == "First try.\nUses C=0.5");
  REQUIRE(r.inputs.size() == 1);
  REQUIRE(r.inputs[0].dataset.digest == "3f2a9c0d1e");
  REQUIRE(r.inputs[0].dataset.schema == in.dataset.schema);
  REQUIRE(r.inputs[0].tags.at(kTagDataContext) == "training");
  REQUIRE(store.get_run_info(kRun2).deleted_time == t0 + 6000);
  REQUIRE(store.get_experiment("999999999999999999").lifecycle_stage == "deleted");
}
