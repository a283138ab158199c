// Jobs through the commands, on the simulated clock: concept drift raises the accuracy alert, the
// alert starts the retraining job, the challenger passes the gates and is promoted, and the days
// after it are right again; approval, schedules, dependencies, a reload, and the mistakes a
// person can make (unknown job, unknown rule, approving with nothing waiting), each named.
#include <catch2/catch.hpp>
#include <filesystem>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {

// The store's name, its jobs folder from an earlier run of the test removed (fresh_store clears
// the store and its other siblings).
std::string fresh_jobs(const std::string& name) {
  std::filesystem::remove_all(std::filesystem::temp_directory_path() / (name + "-jobs"));
  return name;
}

void deploy_loan_gbdt(labtest::SessionFixture& f) {
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 3}});
  std::string run = f.ok({{"cmd", "train.run"}, {"algo", "hist_gbdt"}, {"params", {{"n_estimators", 60}}}})["run_id"];
  f.ok({{"cmd", "registry.register"}, {"model", "loan"}, {"run_id", run}});
  f.ok({{"cmd", "registry.set_alias"}, {"model", "loan"}, {"alias", "champion"}, {"version", 1}});
  f.ok({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan"}});
}

json concept_drift(labtest::SessionFixture& f, int days, int requests, int seed, int drift_day) {
  return f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "concept_drift"}, {"days", days},
               {"requests", requests}, {"seed", seed}, {"drift_day", drift_day}, {"ramp_days", 1}});
}

// Mean accuracy of the day windows of one version from a day on (labelled windows only).
double mean_accuracy(const json& windows, int version, int from_day) {
  double sum = 0;
  int n = 0;
  for (const auto& w : windows["windows"])
    if (w["version"] == version && w["window"].get<int>() >= from_day && w.contains("accuracy") && w["accuracy"].is_number()) {
      sum += w["accuracy"].get<double>();
      ++n;
    }
  REQUIRE(n > 0);
  return sum / n;
}

}  // namespace

TEST_CASE("concept drift -> accuracy alert -> retraining job -> gates -> promoted -> accuracy recovers", "[jobs]") {
  labtest::SessionFixture f(fresh_jobs("lab_jobs_loop"), 21);
  deploy_loan_gbdt(f);
  // This model is right about 72% of the time before the drift (the default rule's 0.7 is within
  // its day-to-day noise); where 80% of outcomes flip, no model can be right more than about 2/3
  // of the time. A rule at 0.6 tells the drift from the noise.
  json rule = f.ok({{"cmd", "monitor.rule.add"}, {"endpoint", "loan-api"}, {"metric", "accuracy"}, {"threshold", 0.6}})["rule"];
  REQUIRE(rule["id"] == "rule-4");
  json job = f.ok({{"cmd", "jobs.create"}, {"kind", "retrain"}, {"endpoint", "loan-api"},
                   {"trigger", {{"kind", "alert"}, {"rule_id", "rule-4"}}}, {"auto_promote", true}})["job"];
  CHECK(job["id"] == "job-1");
  CHECK(job["name"] == "Retrain loan-api");
  CHECK(job["trigger"]["description"] == "when rule-4 fires");

  json sim = concept_drift(f, 14, 2800, 11, 4);
  json drift_alert;
  for (const auto& a : sim["alerts"])
    if (a["rule_id"] == "rule-4") drift_alert = a;
  INFO(sim["alerts"].dump(1));
  REQUIRE(drift_alert.is_object());
  CHECK(drift_alert["window"].get<int>() >= 5);  // after the drift day, once outcomes arrived

  json waited = f.ok({{"cmd", "jobs.wait"}});
  REQUIRE(waited["runs"].size() == 1);
  const json run = waited["runs"][0];
  INFO(run.dump(1));
  CHECK(run["id"] == "job-1#1");
  CHECK(run["status"] == "done");
  CHECK(run["trigger"].get<std::string>().rfind("alert " + drift_alert["id"].get<std::string>() + ": Day ", 0) == 0);
  CHECK_THAT(run["outcome"].get<std::string>(), Catch::StartsWith("promoted loan v2 to @champion"));
  CHECK(run["sim_start_day"] == 14);
  CHECK(run["sim_end_day"] == 14);
  CHECK(run["comparison"]["gates_passed"] == true);
  CHECK(run["comparison"]["held_out"] == true);
  const double champ = run["comparison"]["champion"]["accuracy"], chal = run["comparison"]["challenger"]["accuracy"];
  CHECK(chal > champ + 0.02);
  REQUIRE(run["run_ids"].size() == 1);
  CHECK(run["versions"] == json::array({{{"model", "loan"}, {"version", 2}}}));

  // Lineage: the tracking run says which job made it and on what.
  json tracked = f.ok({{"cmd", "runs.get"}, {"run_id", run["run_ids"][0]}});
  CHECK(tracked["tags"]["lab.job"] == "job-1");
  CHECK(tracked["tags"]["lab.job.run"] == "job-1#1");
  CHECK(tracked["tags"]["lab.job.window"] == "loan-api days 8-14");
  CHECK(tracked["params"]["algo"] == "hist_gbdt");
  CHECK(tracked["params"]["n_estimators"] == "60");
  json model = f.ok({{"cmd", "registry.get"}, {"model", "loan"}});
  CHECK(model["aliases"]["champion"] == 2);
  CHECK(model["aliases"]["challenger"] == 2);
  // The participant's own dataset is untouched by the job.
  CHECK(f.ok({{"cmd", "data.summary"}})["rows"] == 2000);

  // The next week keeps the new concept; the promoted version answers it, and is right again.
  concept_drift(f, 7, 1400, 12, 1);
  json windows = f.ok({{"cmd", "monitor.windows"}, {"endpoint", "loan-api"}});
  const double before = mean_accuracy(windows, 1, 8), after = mean_accuracy(windows, 2, 15);
  INFO("v1 drifted days " << before << ", v2 later days " << after);
  CHECK(before < 0.6);
  CHECK(after > 0.6);
  CHECK(after > before + 0.08);
  json alerts = f.ok({{"cmd", "monitor.alerts"}, {"endpoint", "loan-api"}});
  bool resolved = false;
  for (const auto& a : alerts["alerts"]) resolved = resolved || (a["id"] == drift_alert["id"] && a["state"] == "resolved");
  CHECK(resolved);
  // The same alert episode does not start the job again.
  CHECK(f.ok({{"cmd", "jobs.wait"}})["runs"].size() == 1);
}

TEST_CASE("a retraining job waits for approval; approve promotes, and a reload keeps jobs and history", "[jobs]") {
  labtest::SessionFixture f(fresh_jobs("lab_jobs_approve"), 22);
  deploy_loan_gbdt(f);
  concept_drift(f, 14, 2800, 11, 4);
  f.ok({{"cmd", "jobs.create"}, {"kind", "retrain"}, {"endpoint", "loan-api"}});
  json run = f.ok({{"cmd", "jobs.run"}, {"job", "job-1"}, {"wait", true}})["run"];
  INFO(run.dump(1));
  CHECK(run["status"] == "waiting");
  CHECK_THAT(run["outcome"].get<std::string>(), Catch::StartsWith("waiting for approval: the challenger's accuracy"));
  CHECK(run["trigger"] == "by hand");
  CHECK(f.ok({{"cmd", "registry.get"}, {"model", "loan"}})["aliases"]["champion"] == 1);
  CHECK(f.ok({{"cmd", "jobs.list"}})["waiting"] == json::array({"job-1#1"}));

  json approved = f.ok({{"cmd", "jobs.approve"}})["run"];
  CHECK(approved["status"] == "done");
  CHECK(approved["outcome"] == "promoted loan v2 to @champion (approved)");
  CHECK(f.ok({{"cmd", "registry.get"}, {"model", "loan"}})["aliases"]["champion"] == 2);
  CHECK_THAT(f.error({{"cmd", "jobs.approve"}}), Catch::Contains("no job run is waiting for approval"));

  Session again(f.session.store().root(), f.clock, 23);
  Dispatcher d2(again);
  json history = d2.handle({{"cmd", "jobs.history"}});
  REQUIRE(history["ok"] == true);
  REQUIRE(history["runs"].size() == 1);
  CHECK(history["runs"][0]["outcome"] == approved["outcome"]);
  CHECK(history["runs"][0]["log"].size() == approved["log"].size());
  CHECK(d2.handle({{"cmd", "jobs.list"}})["jobs"][0]["id"] == "job-1");
  CHECK(d2.handle({{"cmd", "jobs.create"}, {"kind", "retrain"}, {"endpoint", "loan-api"}})["job"]["id"] == "job-2");
}

TEST_CASE("a schedule on the simulated clock and a job that runs after another", "[jobs]") {
  labtest::SessionFixture f(fresh_jobs("lab_jobs_schedule"), 24);
  deploy_loan_gbdt(f);
  json weekly = f.ok({{"cmd", "jobs.create"}, {"kind", "commands"}, {"name", "Weekly windows"}, {"endpoint", "loan-api"},
                      {"trigger", {{"kind", "schedule"}, {"every_days", 7}}},
                      {"commands", {{{"cmd", "monitor.windows"}, {"endpoint", "loan-api"}}}}})["job"];
  CHECK(weekly["trigger"]["description"] == "every 7 days");
  f.ok({{"cmd", "jobs.create"}, {"kind", "commands"}, {"name", "Then metrics"}, {"trigger", {{"kind", "after"}, {"job", "job-1"}}},
        {"commands", {{{"cmd", "monitor.metrics"}, {"endpoint", "loan-api"}}}}});
  CHECK(f.ok({{"cmd", "jobs.wait"}})["runs"].empty());  // no traffic yet: not due

  f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"days", 5}, {"requests", 200}});
  CHECK(f.ok({{"cmd", "jobs.wait"}})["runs"].empty());  // day 5 < 7
  f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"days", 3}, {"requests", 200}});
  json runs = f.ok({{"cmd", "jobs.wait"}})["runs"];
  REQUIRE(runs.size() == 2);
  CHECK(runs[0]["id"] == "job-1#1");
  CHECK(runs[0]["trigger"] == "schedule: every 7 days, day 8 reached");
  CHECK(runs[0]["status"] == "done");
  CHECK(runs[1]["id"] == "job-2#1");
  CHECK(runs[1]["trigger"] == "after job-1#1 succeeded");
  CHECK(runs[1]["status"] == "done");
  // Not due again until day 15.
  f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"days", 6}, {"requests", 100}});
  CHECK(f.ok({{"cmd", "jobs.wait"}})["runs"].size() == 2);
  f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"days", 1}, {"requests", 20}});
  CHECK(f.ok({{"cmd", "jobs.wait"}})["runs"].size() == 4);
}

TEST_CASE("jobs: the mistakes a person can make get clear messages and change nothing", "[jobs]") {
  labtest::SessionFixture f(fresh_jobs("lab_jobs_bad_input"), 25);
  CHECK_THAT(f.error({{"cmd", "jobs.run"}, {"job", "job-9"}}), Catch::Contains("no job 'job-9'; there are no jobs yet"));
  CHECK_THAT(f.error({{"cmd", "jobs.approve"}}), Catch::StartsWith("no job run is waiting for approval"));
  CHECK_THAT(f.error({{"cmd", "jobs.get"}, {"run", "job-1#1"}}), Catch::Contains("no job run 'job-1#1'"));
  deploy_loan_gbdt(f);
  CHECK_THAT(f.error({{"cmd", "jobs.create"}, {"kind", "retrain"}, {"endpoint", "loan-api"},
                      {"trigger", {{"kind", "alert"}, {"rule_id", "rule-9"}}}}),
             Catch::Contains("endpoint 'loan-api' has no rule 'rule-9'; its rules are rule-1 (accuracy below 0.7"));
  CHECK_THAT(f.error({{"cmd", "jobs.create"}, {"kind", "retrain"}, {"endpoint", "nope-api"}}), Catch::Contains("nope-api"));
  CHECK_THAT(f.error({{"cmd", "jobs.create"}, {"kind", "retrain"}}), Catch::Contains("field 'endpoint' is required"));
  CHECK_THAT(f.error({{"cmd", "jobs.create"}, {"kind", "nightly"}, {"endpoint", "loan-api"}}),
             Catch::Contains("unknown job kind 'nightly'; choose retrain or commands"));
  CHECK_THAT(f.error({{"cmd", "jobs.create"}, {"endpoint", "loan-api"}, {"trigger", {{"kind", "cron"}}}}),
             Catch::Contains("unknown trigger kind 'cron'"));
  CHECK_THAT(f.error({{"cmd", "jobs.create"}, {"endpoint", "loan-api"}, {"trigger", {{"kind", "schedule"}, {"every_days", 0}}}}),
             Catch::Contains("every_days"));
  CHECK_THAT(f.error({{"cmd", "jobs.create"}, {"kind", "commands"}, {"trigger", {{"kind", "after"}, {"job", "job-4"}}},
                      {"commands", {{{"cmd", "version"}}}}}),
             Catch::Contains("no job 'job-4'"));
  CHECK_THAT(f.error({{"cmd", "jobs.create"}, {"kind", "commands"}, {"commands", {{{"cmd", "jobs.run"}}}}}),
             Catch::Contains("cannot run jobs.* commands"));
  CHECK(f.ok({{"cmd", "jobs.list"}})["jobs"].empty());

  // A retraining job with no labelled traffic fails with the reason, and stays in the history.
  f.ok({{"cmd", "jobs.create"}, {"kind", "retrain"}, {"endpoint", "loan-api"}});
  CHECK_THAT(f.error({{"cmd", "jobs.run"}, {"job", "job-2"}}), Catch::Contains("no job 'job-2'; the jobs are job-1 (Retrain loan-api)"));
  json run = f.ok({{"cmd", "jobs.run"}, {"job", "job-1"}, {"wait", true}})["run"];
  CHECK(run["status"] == "failed");
  CHECK_THAT(run["outcome"].get<std::string>(), Catch::Contains("has no requests with ground truth"));
  CHECK(f.ok({{"cmd", "registry.get"}, {"model", "loan"}})["versions"].size() == 1);
}
