#include <catch2/catch.hpp>
#include <filesystem>

#include "io/file_store.hpp"
#include "io/run_cache.hpp"
#include "support/temp_store.hpp"

using namespace lab;
namespace fs = std::filesystem;

namespace {
fs::path fresh(const char* name) { return labtest::fresh_store(std::string("lab_test_") + name); }
const std::string kRun = "0123456789abcdef0123456789abcdef";
const std::string kRun2 = "11111111111111111111111111111111";
}  // namespace

TEST_CASE("experiments: name rules, rename, delete to .trash and restore") {
  FixedClock clock;
  fs::path root = fresh("experiments");
  FileStore s(root, clock);
  s.ensure_default_experiment();
  s.create_experiment("100000000000000001", "churn");
  REQUIRE_THROWS_WITH(s.create_experiment("100000000000000002", "churn"), Catch::Contains("already exists"));
  REQUIRE_THROWS_WITH(s.create_experiment("100000000000000002", "  "), Catch::Contains("must not be empty"));
  REQUIRE_THROWS_WITH(s.create_experiment("100000000000000002", std::string(501, 'x')), Catch::Contains("limit is 500"));
  REQUIRE_THROWS_WITH(s.create_experiment("100000000000000002", "a\nb"), Catch::Contains("line breaks"));
  REQUIRE_THROWS_WITH(s.create_experiment("../x", "x"), Catch::Contains("not an experiment id"));
  REQUIRE_THROWS_WITH(s.delete_experiment("0"), Catch::Contains("cannot be deleted"));

  s.rename_experiment("100000000000000001", "churn v2");
  REQUIRE(s.find_experiment_by_name("churn v2")->experiment_id == "100000000000000001");
  REQUIRE_THROWS_WITH(s.rename_experiment("100000000000000001", "Default"), Catch::Contains("already exists"));

  s.create_run("100000000000000001", kRun, "r1", "ana");
  s.delete_experiment("100000000000000001");
  REQUIRE(fs::exists(root / ".trash" / "100000000000000001" / kRun / "meta.yaml"));
  REQUIRE_FALSE(fs::exists(root / "100000000000000001"));
  REQUIRE(s.list_experiments(ViewType::ActiveOnly).size() == 1);
  REQUIRE(s.list_experiments(ViewType::DeletedOnly).size() == 1);
  REQUIRE_THROWS_WITH(s.create_experiment("100000000000000003", "churn v2"), Catch::Contains("in the trash"));
  REQUIRE_THROWS_WITH(s.create_run("100000000000000001", kRun2, "x", "ana"), Catch::Contains("is deleted"));
  REQUIRE(s.get_run(kRun).info.run_name == "r1");  // runs of deleted experiments stay readable

  s.restore_experiment("100000000000000001");
  REQUIRE(s.get_experiment("100000000000000001").lifecycle_stage == "active");
  REQUIRE(s.list_runs("100000000000000001").size() == 1);
  s.set_experiment_tag("100000000000000001", "team", "risk");
  REQUIRE(s.get_experiment("100000000000000001").tags.at("team") == "risk");
}

TEST_CASE("runs: delete/restore, rename, notes, writes to deleted runs refused") {
  FixedClock clock;
  FileStore s(fresh("runlife"), clock);
  s.ensure_default_experiment();
  s.create_run("0", kRun, "first", "ana");
  s.create_run("0", kRun2, "second", "ana");
  s.delete_run(kRun);
  REQUIRE(s.list_runs("0").size() == 1);
  REQUIRE(s.list_runs("0", ViewType::DeletedOnly).size() == 1);
  REQUIRE(s.list_runs("0", ViewType::All).size() == 2);
  REQUIRE_THROWS_WITH(s.log_metric(kRun, "m", 1, 0), Catch::Contains("is deleted; restore it"));
  s.restore_run(kRun);
  REQUIRE(s.get_run_info(kRun).deleted_time == -1);
  s.rename_run(kRun, "renamed");
  REQUIRE(s.get_run(kRun).info.run_name == "renamed");
  REQUIRE(s.get_run(kRun).tags.at(kTagRunName) == "renamed");
  REQUIRE_THROWS_WITH(s.rename_run(kRun, " "), Catch::Contains("must not be empty"));
  s.set_note(kRun, "why: tuned C");
  REQUIRE(s.get_run(kRun).tags.at(kTagNote) == "why: tuned C");
  s.delete_tag(kRun, kTagNote);
  REQUIRE(s.get_run(kRun).tags.count(kTagNote) == 0);
}

TEST_CASE("log_batch enforces MLflow's limits before writing anything") {
  FixedClock clock;
  FileStore s(fresh("batch"), clock);
  s.ensure_default_experiment();
  s.create_run("0", kRun, "r", "u");
  LogBatch ok;
  for (int i = 0; i < 1000; ++i) ok.metrics.push_back({"loss", 1.0 / (i + 1), 1700000000000 + i, i});
  s.log_batch(kRun, ok);
  REQUIRE(s.get_run(kRun).metrics.at("loss").size() == 1000);

  LogBatch too_many = ok;
  too_many.metrics.push_back({"loss", 0, 0, 1000});
  REQUIRE_THROWS_WITH(s.log_batch(kRun, too_many), Catch::Contains("at most 1000 metrics"));
  LogBatch params;
  for (int i = 0; i < 101; ++i) params.params.push_back({"p" + std::to_string(i), "1"});
  REQUIRE_THROWS_WITH(s.log_batch(kRun, params), Catch::Contains("at most 100 params"));
  LogBatch tags;
  for (int i = 0; i < 101; ++i) tags.tags.push_back({"t" + std::to_string(i), "1"});
  REQUIRE_THROWS_WITH(s.log_batch(kRun, tags), Catch::Contains("at most 100 tags"));
  LogBatch mixed;
  for (int i = 0; i < 100; ++i) mixed.params.push_back({"p" + std::to_string(i), "1"});
  for (int i = 0; i < 901; ++i) mixed.metrics.push_back({"m", 1, 0, i});
  REQUIRE_THROWS_WITH(s.log_batch(kRun, mixed), Catch::Contains("together"));
  LogBatch dup;
  dup.params = {{"a", "1"}, {"a", "1"}};
  REQUIRE_THROWS_WITH(s.log_batch(kRun, dup), Catch::Contains("appears twice"));
  LogBatch long_tag;
  long_tag.tags = {{"t", std::string(8001, 'x')}};
  REQUIRE_THROWS_WITH(s.log_batch(kRun, long_tag), Catch::Contains("limit is 8000"));
  LogBatch changed;  // the second param would change a logged value: nothing of the batch is written
  s.log_param(kRun, "C", "1");
  changed.params = {{"new_one", "x"}, {"C", "2"}};
  REQUIRE_THROWS_WITH(s.log_batch(kRun, changed), Catch::Contains("immutable"));
  REQUIRE(s.get_run(kRun).params.count("new_one") == 0);
  LogBatch negative;
  negative.metrics = {{"m", 1, -5, 0}};
  REQUIRE_THROWS_WITH(s.log_batch(kRun, negative), Catch::Contains("negative timestamp"));
}

TEST_CASE("the run cache rereads only the run that changed") {
  FixedClock clock;
  FileStore s(fresh("cache"), clock);
  RunCache cache(s);
  s.set_on_change([&](const StoreChange& c) { cache.on_change(c); });
  s.ensure_default_experiment();
  for (int i = 0; i < 5; ++i) {
    clock.t += 10;
    std::string id(32, char('a' + i));
    s.create_run("0", id, "run" + std::to_string(i), "u");
  }
  REQUIRE(cache.active().size() == 5);
  REQUIRE(cache.active().front().info.run_name == "run4");  // newest first
  size_t reloads = cache.full_reloads();
  uint64_t v = cache.version();
  s.log_metric(std::string(32, 'c'), "auc", 0.75, 1);
  REQUIRE(cache.version() > v);
  REQUIRE(cache.active()[2].metrics.at("auc")[0].value == 0.75);
  s.delete_run(std::string(32, 'a'));
  REQUIRE(cache.active().size() == 4);
  REQUIRE(cache.deleted().size() == 1);
  REQUIRE(cache.full_reloads() == reloads);  // all of that without rereading every run
  uint64_t unchanged = cache.version();
  REQUIRE(cache.version() == unchanged);  // no writes, no refresh
}
