// Alerts through the commands: the workshop's default rules raise an accuracy alert when concept
// drift sets in and nothing else; acknowledging keeps it in the history; a reload (a new session
// on the same store) finds rules and alerts as they were; rules a person gets wrong are refused
// with nothing changed; a data-quality incident raises a 422 alert and a drift rule sees a covariate shift.
#include <catch2/catch.hpp>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {

void deploy_loan_model(labtest::SessionFixture& f) {
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 3}});
  std::string run = f.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}})["run_id"];
  f.ok({{"cmd", "registry.register"}, {"model", "loan"}, {"run_id", run}});
  f.ok({{"cmd", "registry.set_alias"}, {"model", "loan"}, {"alias", "champion"}, {"version", 1}});
  f.ok({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan"}});
}

std::vector<std::string> metrics_of(const json& alerts) {
  std::vector<std::string> out;
  for (const auto& a : alerts) out.push_back(a["metric"]);
  return out;
}

}  // namespace

TEST_CASE("concept drift raises one accuracy alert that stays, acknowledged, across a reload", "[monitor][alerts]") {
  labtest::SessionFixture f("lab_monitor_alerts", 5);
  deploy_loan_model(f);
  json rules = f.ok({{"cmd", "monitor.rules"}, {"endpoint", "loan-api"}});
  REQUIRE(rules["rules"].size() == 3);
  CHECK(rules["rules"][0]["description"] == "accuracy below 0.7 over the last 200 labelled requests");
  CHECK(rules["metrics"].size() == 5);
  CHECK(f.ok({{"cmd", "monitor.alerts"}, {"endpoint", "loan-api"}})["alerts"].empty());

  json sim = f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "concept_drift"}, {"days", 8},
                   {"requests", 1600}, {"seed", 11}, {"drift_day", 4}, {"ramp_days", 1}});
  // Inputs look the same, so only accuracy breaches; it can only do so once outcomes arrived.
  REQUIRE(metrics_of(sim["alerts"]) == std::vector<std::string>{"accuracy"});
  const json alert = sim["alerts"][0];
  CHECK(alert["window"].get<int>() >= 5);
  CHECK(alert["value"].get<double>() < 0.7);
  CHECK(alert["state"] == "firing");
  CHECK(alert["acknowledged"] == false);
  CHECK_THAT(alert["message"].get<std::string>(), Catch::StartsWith("Day " + std::to_string(alert["window"].get<int>()) + ": accuracy was 0."));
  // The value is the accuracy of the latest 200 labelled requests whose outcome had arrived.
  CHECK(alert["time_ms"] == f.ok({{"cmd", "monitor.windows"}, {"endpoint", "loan-api"}})["origin_ms"].get<int64_t>() +
                                alert["window"].get<int64_t>() * 86'400'000);

  // Reading again finds the same alert, not a second one.
  json listed = f.ok({{"cmd", "monitor.alerts"}, {"endpoint", "loan-api"}});
  REQUIRE(listed["alerts"].size() == 1);
  CHECK(listed["firing"] == 1);
  CHECK(listed["unacknowledged"] == 1);

  CHECK_THAT(f.error({{"cmd", "monitor.alert.ack"}, {"endpoint", "loan-api"}, {"alert_id", "rule-7@1"}}),
             Catch::Contains("has no alert 'rule-7@1'"));
  CHECK(f.ok({{"cmd", "monitor.alert.ack"}, {"endpoint", "loan-api"}, {"alert_id", alert["id"]}})["acknowledged"] == 1);

  // A reload: a new session on the same store finds the rules and the acknowledged alert.
  Session again(f.session.store().root(), f.clock, 6);
  Dispatcher d2(again);
  json after = d2.handle({{"cmd", "monitor.alerts"}, {"endpoint", "loan-api"}});
  REQUIRE(after["ok"] == true);
  REQUIRE(after["alerts"].size() == 1);
  CHECK(after["alerts"][0]["id"] == alert["id"]);
  CHECK(after["alerts"][0]["acknowledged"] == true);
  CHECK(after["unacknowledged"] == 0);
  CHECK(d2.handle({{"cmd", "monitor.rules"}, {"endpoint", "loan-api"}})["rules"].size() == 3);
}

TEST_CASE("alert rules a person gets wrong are refused and nothing changes", "[monitor][alerts]") {
  labtest::SessionFixture f("lab_monitor_alert_rules", 7);
  deploy_loan_model(f);
  CHECK_THAT(f.error({{"cmd", "monitor.rule.add"}, {"endpoint", "loan-api"}, {"metric", "f1"}, {"threshold", 0.5}}),
             Catch::Contains("unknown metric 'f1'; a rule can watch accuracy, rmse, drift_share, latency_p99_ms, invalid_share"));
  CHECK_THAT(f.error({{"cmd", "monitor.rule.add"}, {"endpoint", "loan-api"}, {"metric", "rmse"}, {"threshold", 3}}),
             Catch::Contains("serves a classifier; watch 'accuracy'"));
  CHECK_THAT(f.error({{"cmd", "monitor.rule.add"}, {"endpoint", "nope"}, {"metric", "accuracy"}, {"threshold", 0.5}}),
             Catch::Contains("nope"));
  CHECK_THAT(f.error({{"cmd", "monitor.rule.remove"}, {"endpoint", "loan-api"}, {"rule_id", "rule-99"}}),
             Catch::Contains("no rule 'rule-99'; its rules are rule-1, rule-2, rule-3"));
  CHECK(f.ok({{"cmd", "monitor.rules"}, {"endpoint", "loan-api"}})["rules"].size() == 3);

  // A data-quality incident breaches the 422 share; a stricter drift rule sees covariate drift.
  json dq = f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "data_quality"}, {"days", 6},
                  {"requests", 600}, {"seed", 2}, {"drift_day", 2}, {"ramp_days", 1}});
  CHECK(metrics_of(dq["alerts"]) == std::vector<std::string>{"invalid_share"});
  json cov = f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "covariate_drift"}, {"days", 8},
                   {"requests", 1600}, {"seed", 4}, {"drift_day", 2}, {"ramp_days", 2}});
  json last_day = f.ok({{"cmd", "monitor.drift"}, {"endpoint", "loan-api"}});
  REQUIRE(last_day["share"].get<double>() >= 0.5);  // income moved, and the inputs tied to it
  // A drift rule added now is evaluated over the whole log at once and fires on that day.
  json added = f.ok({{"cmd", "monitor.rule.add"}, {"endpoint", "loan-api"}, {"metric", "drift_share"}, {"threshold", 0.5}});
  CHECK(added["rule"]["id"] == "rule-4");
  bool firing_at_the_end = false;
  for (const auto& a : added["alerts"])
    firing_at_the_end = firing_at_the_end || (a["rule_id"] == "rule-4" && a["state"] == "firing" && a["value"].get<double>() >= 0.5);
  CHECK(firing_at_the_end);

  // Removing a rule keeps the alerts it raised.
  size_t before = f.ok({{"cmd", "monitor.alerts"}, {"endpoint", "loan-api"}})["alerts"].size();
  f.ok({{"cmd", "monitor.rule.remove"}, {"endpoint", "loan-api"}, {"rule_id", "rule-4"}});
  CHECK(f.ok({{"cmd", "monitor.alerts"}, {"endpoint", "loan-api"}})["alerts"].size() == before);
  CHECK(f.ok({{"cmd", "monitor.alert.ack"}, {"endpoint", "loan-api"}, {"all", true}})["acknowledged"] == int(before));
}
