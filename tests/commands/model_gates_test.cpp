// Promotion gates through the commands: a weaker version is refused @champion once the model's
// gates are required, naming the failing test; an explicit override promotes it and the alias
// history says so; reports stay on the version across a reload; an input marked irrelevant that
// the model does use fails the invariance check; suites a person gets wrong are refused.
#include <catch2/catch.hpp>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {

json gate(const json& report, const std::string& name) {
  for (const auto& r : report["results"])
    if (r["gate"] == name) return r;
  FAIL("no gate " << name << " in " << report.dump());
  return json();
}

}  // namespace

TEST_CASE("required gates refuse a weaker champion, an override is recorded, reports survive a reload", "[registry][gates]") {
  labtest::SessionFixture f("lab_model_gates", 5);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 3}});
  json strong = f.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}});
  json weak = f.ok({{"cmd", "train.run"}, {"algo", "decision_tree"}, {"params", {{"max_depth", 1}}}});
  const double strong_auc = strong["metrics"]["roc_auc"], weak_auc = weak["metrics"]["roc_auc"];
  REQUIRE(weak_auc < strong_auc - 0.02);  // the story needs a clearly weaker challenger
  f.ok({{"cmd", "registry.register"}, {"model", "loan"}, {"run_id", strong["run_id"]}});
  f.ok({{"cmd", "registry.register"}, {"model", "loan"}, {"run_id", weak["run_id"]}});

  // Gates are off until the model requires them: promotions work as before.
  json suite = f.ok({{"cmd", "registry.gates"}, {"model", "loan"}})["suite"];
  CHECK(suite["required"] == false);
  CHECK_FALSE(f.ok({{"cmd", "registry.set_alias"}, {"model", "loan"}, {"alias", "champion"}, {"version", 1}}).contains("gates"));

  // The report of the weaker version, against the champion.
  json report = f.ok({{"cmd", "registry.gates.run"}, {"model", "loan"}, {"version", 2}});
  CHECK(report["passed"] == false);
  CHECK(report["champion_version"] == 1);
  json regression = gate(report, "no_regression");
  CHECK(regression["status"] == "failed");
  CHECK(regression["value"].get<double>() == weak_auc);
  CHECK(regression["bound"].get<double>() == Approx(strong_auc - 0.02));
  CHECK(gate(report, "held_out_metric")["value"].get<double>() == weak_auc);
  CHECK(gate(report, "contract")["status"] == "passed");  // the loan example scores, its broken variants get 422
  CHECK(gate(report, "contract")["detail"].get<std::string>().find("requests answered as the contract says") != std::string::npos);
  CHECK(gate(report, "latency")["status"] == "passed");
  CHECK(gate(report, "invariance")["status"] == "skipped");

  // Required: the promotion is refused, naming the failing test, and @champion stays.
  f.ok({{"cmd", "registry.gates.set"}, {"model", "loan"}, {"required", true}});
  CHECK_THAT(f.error({{"cmd", "registry.set_alias"}, {"model", "loan"}, {"alias", "champion"}, {"version", 2}}),
             Catch::Contains("loan v2 failed the promotion gates: no_regression (roc_auc") && Catch::Contains("override: true"));
  CHECK(f.ok({{"cmd", "registry.get"}, {"model", "loan"}})["aliases"]["champion"] == 1);
  // Other aliases are not gated.
  f.ok({{"cmd", "registry.set_alias"}, {"model", "loan"}, {"alias", "challenger"}, {"version", 2}});

  // An explicit override promotes it; the history keeps why.
  json promoted = f.ok({{"cmd", "registry.set_alias"}, {"model", "loan"}, {"alias", "champion"}, {"version", 2}, {"override", true},
                        {"comment", "demo"}});
  CHECK(promoted["version"] == 2);
  CHECK(promoted["gates"]["passed"] == false);
  json history = f.ok({{"cmd", "registry.get"}, {"model", "loan"}})["history"];
  CHECK_THAT(history.back()["comment"].get<std::string>(), Catch::StartsWith("demo [gates overridden: no_regression (roc_auc"));

  // A version that passes takes @champion with its report attached.
  json back = f.ok({{"cmd", "registry.set_alias"}, {"model", "loan"}, {"alias", "champion"}, {"version", 1}});
  CHECK(back["gates"]["passed"] == true);
  json again_v1 = f.ok({{"cmd", "registry.gates.run"}, {"model", "loan"}, {"version", 1}});
  CHECK(gate(again_v1, "no_regression")["detail"] == "v1 is the champion: there is nothing to compare it with");

  // A reload: the suite and each version's last report are still there.
  Session again(f.session.store().root(), f.clock, 6);
  Dispatcher d2(again);
  json g2 = d2.handle({{"cmd", "registry.gates"}, {"model", "loan"}});
  REQUIRE(g2["ok"] == true);
  CHECK(g2["suite"]["required"] == true);
  CHECK(g2["reports"]["2"]["passed"] == false);
  CHECK(g2["reports"]["1"]["passed"] == true);
}

TEST_CASE("invariance fails for an input the model uses; suites a person gets wrong are refused", "[registry][gates]") {
  labtest::SessionFixture f("lab_model_gates_invariance", 7);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 1500}, {"seed", 4}});
  json run = f.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}});
  f.ok({{"cmd", "registry.register"}, {"model", "loan"}, {"run_id", run["run_id"]}});

  CHECK_THAT(f.error({{"cmd", "registry.gates.set"}, {"model", "loan"}, {"invariant_features", {"shoe_size"}}}),
             Catch::Contains("'shoe_size' is not an input of this model; its inputs are "));
  CHECK_THAT(f.error({{"cmd", "registry.gates.set"}, {"model", "loan"}, {"max_latency_p99_ms", -3}}),
             Catch::Contains("field 'max_latency_p99_ms' must be a number from"));
  CHECK_THAT(f.error({{"cmd", "registry.gates.set"}, {"model", "nope"}, {"required", true}}), Catch::Contains("nope"));
  CHECK(f.ok({{"cmd", "registry.gates"}, {"model", "loan"}})["suite"]["invariant_features"].empty());  // nothing changed

  f.ok({{"cmd", "registry.gates.set"}, {"model", "loan"}, {"invariant_features", {"income"}}, {"invariance_tolerance", 0.01}});
  json report = f.ok({{"cmd", "registry.gates.run"}, {"model", "loan"}, {"version", 1}});
  json inv = gate(report, "invariance");
  CHECK(inv["status"] == "failed");
  CHECK_THAT(inv["detail"].get<std::string>(), Catch::StartsWith("changing income moved a prediction by "));
  CHECK(inv["value"].get<double>() > 0.01);
  CHECK(gate(report, "no_regression")["status"] == "skipped");  // no champion yet
  CHECK(report["passed"] == false);
}
