#include <catch2/catch.hpp>
#include <filesystem>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;


TEST_CASE("train two runs, register both, promote, roll back; the registry survives a new session") {
  auto root = labtest::fresh_store("lab_registry_cmds");
  FixedClock clock;
  std::string first, second;
  {
    Session s(root, clock, 5);
    Dispatcher d(s);
    d.handle({{"cmd", "data.generate"}, {"rows", 1500}, {"seed", 3}});
    first = d.handle({{"cmd", "train.run"}, {"params", {{"C", 0.01}}}})["run_id"];
    clock.t += 1000;
    second = d.handle({{"cmd", "train.run"}, {"params", {{"C", 1.0}}}})["run_id"];
    REQUIRE(d.handle({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", first}})["version"] == 1);
    REQUIRE(d.handle({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", second}})["version"] == 2);
    REQUIRE(d.handle({{"cmd", "registry.set_alias"}, {"model", "loan-approval"}, {"alias", "champion"}, {"version", 1}})["ok"] == true);
    d.handle({{"cmd", "registry.set_alias"}, {"model", "loan-approval"}, {"alias", "champion"}, {"version", 2}, {"comment", "higher AUC"}});
    json t = d.handle({{"cmd", "registry.transition"}, {"model", "loan-approval"}, {"version", 2}, {"stage", "Production"}});
    REQUIRE(t["versions"][1]["stage"] == "Production");
    json rb = d.handle({{"cmd", "registry.rollback"}, {"model", "loan-approval"}, {"alias", "champion"}, {"comment", "drift"}});
    REQUIRE(rb["version"] == 1);
    // Bad requests are clear errors.
    REQUIRE(d.handle({{"cmd", "registry.set_alias"}, {"model", "loan-approval"}, {"alias", "latest"}, {"version", 1}})["error"]
                .get<std::string>()
                .find("reserved") != std::string::npos);
    REQUIRE(d.handle({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", "nope"}})["error"]
                .get<std::string>()
                .find("not a run id") != std::string::npos);
    REQUIRE(d.handle({{"cmd", "registry.transition"}, {"model", "loan-approval"}, {"stage", "Production"}})["error"]
                .get<std::string>()
                .find("'version' is required") != std::string::npos);
  }
  Session again(root, clock, 6);
  Dispatcher d(again);
  json m = d.handle({{"cmd", "registry.get"}, {"model", "loan-approval"}});
  REQUIRE(m["aliases"]["champion"] == 1);
  REQUIRE(m["versions"].size() == 2);
  REQUIRE(m["versions"][0]["run_id"] == first);
  REQUIRE(m["versions"][1]["stage"] == "Production");
  REQUIRE(m["versions"][1]["lineage"]["params"]["C"] == "1.0");
  REQUIRE(m["versions"][1]["lineage"]["dataset_name"] == "loan");
  REQUIRE(m["versions"][1]["lineage"]["metrics"]["roc_auc"].get<double>() > 0.8);
  REQUIRE(m["history"].back()["comment"] == "drift");
}
