#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/file_store.hpp"
#include "io/number_text.hpp"
#include "support/temp_store.hpp"

using namespace lab;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const char* name) { return labtest::fresh_store(std::string("lab_test_") + name); }
std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}
const std::string kRun = "0123456789abcdef0123456789abcdef";
}  // namespace

TEST_CASE("a run round-trips through the MLflow file layout") {
  fs::path root = fresh_dir("roundtrip");
  FixedClock clock;
  FileStore store(root, clock);
  store.ensure_default_experiment();
  store.create_run("0", kRun, "first-run", "ana");
  store.log_param(kRun, "C", "0.5");
  store.set_tag(kRun, "lab.dataset.hash", "abc123");
  for (int s = 1; s <= 3; ++s) {
    clock.t += 10;
    store.log_metric(kRun, "train_loss", 1.0 / s, s);
  }
  store.log_metric(kRun, "roc_auc", 0.9123456789012345, 3);
  store.end_run(kRun, RunStatus::Finished);

  // The exact files MLflow expects.
  REQUIRE(slurp(root / "0" / kRun / "params" / "C") == "0.5");
  REQUIRE(slurp(root / "0" / kRun / "tags" / "mlflow.runName") == "first-run");
  REQUIRE(slurp(root / "0" / kRun / "metrics" / "train_loss") ==
          "1700000000010 1.0 1\n1700000000020 0.5 2\n1700000000030 0.3333333333333333 3\n");
  std::string meta = slurp(root / "0" / kRun / "meta.yaml");
  REQUIRE(meta.find("status: 3\n") != std::string::npos);
  REQUIRE(meta.find("experiment_id: '0'\n") != std::string::npos);
  REQUIRE(meta.find("end_time: 1700000000030\n") != std::string::npos);
  REQUIRE(slurp(root / "0" / "meta.yaml").find("name: Default\n") != std::string::npos);

  // And a second store over the same folder reads everything back.
  FileStore again(root, clock);
  Run r = again.get_run(kRun);
  REQUIRE(r.info.run_name == "first-run");
  REQUIRE(r.info.status == RunStatus::Finished);
  REQUIRE(r.info.start_time == 1700000000000);
  REQUIRE(r.params.at("C") == "0.5");
  REQUIRE(r.tags.at("lab.dataset.hash") == "abc123");
  REQUIRE(r.metrics.at("train_loss").size() == 3);
  REQUIRE(r.metrics.at("train_loss")[2].value == 1.0 / 3);
  REQUIRE(r.metrics.at("roc_auc")[0].value == 0.9123456789012345);
  REQUIRE(again.list_runs("0").size() == 1);
}

TEST_CASE("the store enforces MLflow's rules with clear errors") {
  FixedClock clock;
  FileStore store(fresh_dir("rules"), clock);
  store.ensure_default_experiment();
  store.create_run("0", kRun, "r", "u");
  store.log_param(kRun, "C", "1");
  store.log_param(kRun, "C", "1");  // same value again is fine, as in MLflow
  REQUIRE_THROWS_WITH(store.log_param(kRun, "C", "2"), Catch::Contains("immutable"));
  REQUIRE_THROWS_WITH(store.log_param(kRun, "../evil", "1"), Catch::Contains("not a clean relative path"));
  REQUIRE_THROWS_WITH(store.log_metric(kRun, "a*b", 1, 0), Catch::Contains("contains '*'"));
  REQUIRE_THROWS_WITH(store.log_param(kRun, std::string(251, 'k'), "1"), Catch::Contains("limit is 250"));
  REQUIRE_THROWS_WITH(store.log_param(kRun, "long", std::string(6001, 'v')), Catch::Contains("limit is 6000"));
  REQUIRE_THROWS_WITH(store.get_run("ffffffffffffffffffffffffffffffff"), Catch::Contains("no run with id"));
  REQUIRE_THROWS_WITH(store.get_run("nope"), Catch::Contains("not a run id"));
}

TEST_CASE("metric values are written as the shortest text that reads back exactly") {
  REQUIRE(shortest_double(0.5) == "0.5");
  REQUIRE(shortest_double(3.0) == "3.0");
  REQUIRE(shortest_double(0.1) == "0.1");
  REQUIRE(shortest_double(1e-5) == "1e-05");
  REQUIRE(shortest_double(std::nan("")) == "nan");
  for (double v : {0.8734123412341234, 1.0 / 3, 123456.789, -2.5e-300})
    REQUIRE(std::strtod(shortest_double(v).c_str(), nullptr) == v);
}

TEST_CASE("an artifact written in pieces: the first creates (or replaces) it, the rest append") {
  fs::path root = fresh_dir("append_artifact");
  FixedClock clock;
  FileStore store(root, clock);
  store.ensure_default_experiment();
  store.create_run("0", kRun, "pieces", "ana");
  store.write_artifact(kRun, "model/model.json", "old text");
  store.write_artifact(kRun, "model/model.json", "{\n");
  store.append_artifact(kRun, "model/model.json", "  \"a\": 1");
  store.append_artifact(kRun, "model/model.json", "\n}");
  CHECK(store.read_artifact(kRun, "model/model.json") == "{\n  \"a\": 1\n}");
  store.append_artifact(kRun, "new.txt", "made");
  CHECK(store.read_artifact(kRun, "new.txt") == "made");
  CHECK_THROWS(store.append_artifact(kRun, "../escape.txt", "x"));
}
