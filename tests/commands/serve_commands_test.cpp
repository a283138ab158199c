#include <catch2/catch.hpp>
#include <filesystem>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;


TEST_CASE("serve the churn champion: seed 004's request, a bad request, rollback, fallback, log after restart") {
  auto root = labtest::fresh_store("lab_serve_cmds");
  FixedClock clock;
  {
    Session s(root, clock, 21);
    Dispatcher d(s);
    REQUIRE(d.handle({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 2000}, {"seed", 1}})["ok"] == true);
    std::string r1 = d.handle({{"cmd", "train.run"}, {"params", {{"C", 0.01}}}})["run_id"];
    std::string r2 = d.handle({{"cmd", "train.run"}, {"params", {{"C", 1.0}}}})["run_id"];
    d.handle({{"cmd", "registry.register"}, {"model", "churn"}, {"run_id", r1}});
    d.handle({{"cmd", "registry.register"}, {"model", "churn"}, {"run_id", r2}});
    d.handle({{"cmd", "registry.set_alias"}, {"model", "churn"}, {"alias", "champion"}, {"version", 1}});
    d.handle({{"cmd", "registry.set_alias"}, {"model", "churn"}, {"alias", "champion"}, {"version", 2}});
    json dep = d.handle({{"cmd", "serve.deploy"}, {"endpoint", "churn-api"}, {"model", "churn"}, {"fallback_version", 1}});
    REQUIRE(dep["ok"] == true);
    REQUIRE(dep["health"]["version"] == 2);

    // Seed 004's example request (flat JSON of customer attributes).
    json example = d.handle({{"cmd", "serve.contract"}, {"endpoint", "churn-api"}})["example"];
    json ok = d.handle({{"cmd", "serve.predict"}, {"endpoint", "churn-api"}, {"request", example}})["response"];
    REQUIRE(ok.contains("prediction"));
    REQUIRE(ok["version"] == 2);
    REQUIRE(ok["confidence"].get<double>() >= 0.5);
    REQUIRE(ok["probabilities"].size() == 2);

    json bad_req = example;
    bad_req["features"]["tenure"] = -3;
    bad_req["features"]["Contract"] = "Forever";
    bad_req["features"].erase("MonthlyCharges");
    json bad = d.handle({{"cmd", "serve.predict"}, {"endpoint", "churn-api"}, {"request", bad_req}})["response"];
    REQUIRE(bad["status"] == 422);
    REQUIRE(bad["errors"].size() == 3);

    // Rollback takes effect on the next request.
    d.handle({{"cmd", "registry.rollback"}, {"model", "churn"}, {"alias", "champion"}});
    REQUIRE(d.handle({{"cmd", "serve.predict"}, {"endpoint", "churn-api"}, {"request", example}})["response"]["version"] == 1);

    // A failing primary: the fallback answers and the circuit opens.
    d.handle({{"cmd", "serve.simulate_failure"}, {"endpoint", "churn-api"}, {"failing", true}});
    for (int i = 0; i < 3; ++i)
      REQUIRE(d.handle({{"cmd", "serve.predict"}, {"endpoint", "churn-api"}, {"request", example}})["response"]["variant"] == "fallback");
    REQUIRE(d.handle({{"cmd", "serve.health"}, {"endpoint", "churn-api"}})["circuit"] == "open");

    // Batch: one good row, one bad row.
    json header = json::array();
    std::string csv_head, csv_good, csv_bad;
    for (auto it = example["features"].begin(); it != example["features"].end(); ++it) {
      csv_head += (csv_head.empty() ? "" : ",") + it.key();
      std::string v = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
      csv_good += (csv_good.empty() ? "" : ",") + v;
      csv_bad += (csv_bad.empty() ? "" : ",") + (it.key() == "tenure" ? std::string("-5") : v);
    }
    d.handle({{"cmd", "serve.simulate_failure"}, {"endpoint", "churn-api"}, {"failing", false}});
    json batch = d.handle({{"cmd", "serve.batch"}, {"endpoint", "churn-api"}, {"text", csv_head + "\n" + csv_good + "\n" + csv_bad + "\n"}});
    REQUIRE(batch["scored"] == 1);
    REQUIRE(batch["rejected"] == 1);
    REQUIRE(batch["results"][1]["row"] == 3);
    REQUIRE(batch["results"][1]["error"].get<std::string>().find("tenure") != std::string::npos);
  }
  Session again(root, clock, 22);
  Dispatcher d(again);
  json log = d.handle({{"cmd", "serve.log"}, {"endpoint", "churn-api"}})["entries"];
  REQUIRE(log.size() == 6);  // ok, invalid, rolled-back, 3 fallbacks
  REQUIRE(log[5]["status"] == "ok");
  REQUIRE(log[4]["status"] == "invalid");
  REQUIRE(log[0]["variant"] == "fallback");
  // The endpoint comes back too, following the alias as it is now.
  REQUIRE(d.handle({{"cmd", "serve.health"}, {"endpoint", "churn-api"}})["version"] == 1);
}
