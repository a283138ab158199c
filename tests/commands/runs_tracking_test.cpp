#include <catch2/catch.hpp>
#include <filesystem>

#include "commands/dispatcher.hpp"

using namespace lab;
using nlohmann::json;

namespace {
struct Lab {
  FixedClock clock;
  Session session;
  Dispatcher d;
  explicit Lab(const char* name)
      : session([&] {
          auto p = std::filesystem::temp_directory_path() / ("lab_runs_cmd_" + std::string(name));
          std::filesystem::remove_all(p);
          return p;
        }(), clock, 7),
        d(session) {}
  json ok(const json& c) {
    json r = d.handle(c);
    INFO(r.dump());
    REQUIRE(r["ok"] == true);
    return r;
  }
  std::string error(const json& c) {
    json r = d.handle(c);
    REQUIRE(r["ok"] == false);
    return r["error"].get<std::string>();
  }
};
}  // namespace

TEST_CASE("runs logged through commands are searchable with MLflow's filter syntax") {
  Lab lab("search");
  for (int i = 0; i < 6; ++i) {
    lab.clock.t += 1000;
    std::string id = lab.ok({{"cmd", "runs.create"}, {"run_name", "r" + std::to_string(i)}})["run_id"];
    lab.ok({{"cmd", "runs.log_batch"}, {"run_id", id},
            {"params", {{"algo", i % 2 ? "gbdt" : "lr"}, {"C", i}}},
            {"metrics", json::array({{{"key", "auc"}, {"value", 0.8 + 0.02 * i}, {"step", 1}}})}});
    lab.ok({{"cmd", "runs.end"}, {"run_id", id}});
  }
  json r = lab.ok({{"cmd", "runs.search"}, {"filter", "metrics.auc > 0.85 and params.algo = 'gbdt'"}, {"order_by", "metrics.auc ASC"}});
  REQUIRE(r["runs"].size() == 2);
  REQUIRE(r["runs"][0]["run_name"] == "r3");
  REQUIRE(r["runs"][1]["run_name"] == "r5");
  REQUIRE(r["runs"][0]["params"]["C"] == "3");

  std::string err = lab.error({{"cmd", "runs.search"}, {"filter", "metrics.auc >> 1"}});
  REQUIRE_THAT(err, Catch::Contains("bad filter at character 14"));
  REQUIRE_THAT(err, Catch::Contains("\n  metrics.auc >> 1\n               ^"));

  // delete / restore / rename / note
  std::string first = r["runs"][0]["run_id"];
  lab.ok({{"cmd", "runs.delete"}, {"run_ids", {first}}});
  REQUIRE(lab.ok({{"cmd", "runs.list"}})["runs"].size() == 5);
  REQUIRE(lab.ok({{"cmd", "runs.list"}, {"view", "deleted_only"}})["runs"].size() == 1);
  REQUIRE_THAT(lab.error({{"cmd", "runs.rename"}, {"run_id", first}, {"name", "x"}}), Catch::Contains("restore it"));
  lab.ok({{"cmd", "runs.restore"}, {"run_id", first}});
  lab.ok({{"cmd", "runs.rename"}, {"run_id", first}, {"name", "best gbdt"}});
  lab.ok({{"cmd", "runs.note"}, {"run_id", first}, {"text", "seed 3 looks lucky"}});
  json got = lab.ok({{"cmd", "runs.get"}, {"run_id", first}});
  REQUIRE(got["run_name"] == "best gbdt");
  REQUIRE(got["tags"]["mlflow.note.content"] == "seed 3 looks lucky");
  REQUIRE(got["tags"]["mlflow.source.name"] == "mlops-lab");
  REQUIRE_THAT(lab.error({{"cmd", "runs.delete"}, {"run_ids", {first, "ffffffffffffffffffffffffffffffff"}}}),
               Catch::Contains("no run with id"));
  REQUIRE(lab.ok({{"cmd", "runs.list"}})["runs"].size() == 6);  // the valid id was not deleted either
}

TEST_CASE("experiments through commands; training logs the dataset input") {
  Lab lab("experiments");
  std::string id = lab.ok({{"cmd", "experiments.create"}, {"name", "loan study"}})["experiment_id"];
  REQUIRE(id.size() == 18);
  REQUIRE(id[0] != '0');
  REQUIRE_THAT(lab.error({{"cmd", "experiments.create"}, {"name", "loan study"}}), Catch::Contains("already exists"));
  lab.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 400}, {"seed", 1}});
  json run = lab.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}, {"params", {{"C", 1.0}}}});
  json list = lab.ok({{"cmd", "runs.list"}});
  REQUIRE(list["experiment_id"] == id);
  REQUIRE(list["runs"].size() == 1);
  REQUIRE(list["runs"][0]["datasets"][0]["name"] == "loan");
  REQUIRE(list["runs"][0]["datasets"][0]["context"] == "training");
  std::string hash = list["runs"][0]["tags"]["lab.dataset.hash"];
  REQUIRE(list["runs"][0]["datasets"][0]["digest"] == hash.substr(0, 32));
  REQUIRE(lab.ok({{"cmd", "runs.search"}, {"filter", "datasets.digest = '" + hash.substr(0, 32) + "'"}})["runs"].size() == 1);

  lab.ok({{"cmd", "experiments.rename"}, {"experiment_id", id}, {"name", "loan study 2"}});
  lab.ok({{"cmd", "experiments.delete"}, {"experiment_id", id}});
  REQUIRE(lab.ok({{"cmd", "runs.list"}})["experiment_id"] == "0");
  REQUIRE(lab.ok({{"cmd", "experiments.list"}, {"view", "deleted_only"}})["experiments"].size() == 1);
  REQUIRE_THAT(lab.error({{"cmd", "experiments.select"}, {"experiment_id", id}}), Catch::Contains("restore it"));
  lab.ok({{"cmd", "experiments.restore"}, {"experiment_id", id}});
  lab.ok({{"cmd", "experiments.select"}, {"experiment_id", id}});
  REQUIRE(lab.ok({{"cmd", "runs.list"}})["runs"].size() == 1);
}

TEST_CASE("log_batch limits and bad values come back as clear errors") {
  Lab lab("limits");
  std::string id = lab.ok({{"cmd", "runs.create"}, {"run_name", "x"}})["run_id"];
  json many = json::array();
  for (int i = 0; i < 1001; ++i) many.push_back({{"key", "m"}, {"value", i}, {"step", i}});
  REQUIRE_THAT(lab.error({{"cmd", "runs.log_batch"}, {"run_id", id}, {"metrics", many}}), Catch::Contains("at most 1000 metrics"));
  REQUIRE_THAT(lab.error({{"cmd", "runs.log_batch"}, {"run_id", id}, {"metrics", {{{"key", "m"}, {"value", "high"}}}}}),
               Catch::Contains("must be a number"));
  lab.ok({{"cmd", "runs.log_batch"}, {"run_id", id}, {"metrics", {{{"key", "m"}, {"value", "NaN"}}}}});
  REQUIRE(lab.ok({{"cmd", "runs.get"}, {"run_id", id}})["metrics"]["m"] == "NaN");
  REQUIRE_THAT(lab.error({{"cmd", "runs.end"}, {"run_id", id}, {"status", "DONE"}}), Catch::Contains("unknown run status"));
}
