// Monitoring through the real serving path: simulated traffic on the simulated clock, delayed
// ground truth joined by request id, windows per day and version, drift against the training
// data, and everything read back by a new session on the same store (a reload).
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

json window(const json& windows, int day) {
  for (const auto& w : windows["windows"])
    if (w["window"] == day) return w;
  FAIL("no window for day " << day);
  return json();
}

}  // namespace

TEST_CASE("concept drift through the real endpoint: accuracy falls, labels join by id and survive a reload", "[monitor]") {
  labtest::SessionFixture f("lab_monitor_concept", 5);
  deploy_loan_model(f);
  json sim = f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "concept_drift"}, {"days", 8},
                   {"requests", 1600}, {"seed", 11}, {"drift_day", 4}, {"ramp_days", 1}, {"label_delay_days", 1}});
  // Stable inputs: the contract rejects only the rare row beyond the training range + margin.
  CHECK(sim["requests"] == 1600);
  CHECK(sim["answered"].get<int>() + sim["rejected"].get<int>() == 1600);
  CHECK(sim["rejected"].get<int>() <= 5);
  const int labelled = sim["labelled"];
  CHECK(labelled >= 1395);  // the answered requests of days 1-7: day 8's outcomes have not arrived
  CHECK(labelled <= 1400);
  CHECK(sim["feature"] == "income");

  // Every request went through the endpoint and its log.
  CHECK(f.ok({{"cmd", "serve.health"}, {"endpoint", "loan-api"}})["requests"]["total"] == 1600);
  CHECK(f.ok({{"cmd", "serve.health"}, {"endpoint", "loan-api"}})["requests"]["invalid"] == sim["rejected"]);
  json w = f.ok({{"cmd", "monitor.windows"}, {"endpoint", "loan-api"}, {"window", "day"}});
  REQUIRE(w["windows"].size() == 8);
  CHECK(window(w, 1)["requests"] == 200);
  CHECK(window(w, 1)["version"] == 1);
  double before = window(w, 2)["accuracy"], after = window(w, 6)["accuracy"];
  CHECK(before > 0.72);
  CHECK(after < before - 0.15);  // the relationship changed for half the applicants
  CHECK(window(w, 6)["auc"].get<double>() < window(w, 2)["auc"].get<double>());
  CHECK(window(w, 8)["labelled"] == 0);
  CHECK(window(w, 8)["accuracy"].is_null());
  CHECK(window(w, 8)["no_metrics_reason"] == "no ground truth has arrived for this window yet");

  // A label by hand for a day-8 request joins by its id; unknown ids are refused, nothing stored.
  json log = f.ok({{"cmd", "serve.log"}, {"endpoint", "loan-api"}, {"limit", 1}});
  std::string id = log["entries"][0]["request_id"];
  CHECK_THAT(f.error({{"cmd", "monitor.ground_truth"}, {"endpoint", "loan-api"}, {"request_id", "req-nope-1"}, {"actual", 1}}),
             Catch::Contains("no request 'req-nope-1' in the log of endpoint 'loan-api'"));
  CHECK_THAT(f.error({{"cmd", "monitor.ground_truth"}, {"endpoint", "loan-api"},
                      {"labels", {{{"request_id", id}, {"actual", 1}}, {{"request_id", "req-x-2"}, {"actual", 0}}}}}),
             Catch::Contains("nothing was stored"));
  CHECK_THAT(f.error({{"cmd", "monitor.ground_truth"}, {"endpoint", "loan-api"}, {"request_id", id}, {"actual", "maybe"}}),
             Catch::Contains("must be one of the classes (0, 1)"));
  CHECK(f.ok({{"cmd", "monitor.windows"}, {"endpoint", "loan-api"}})["labelled"] == labelled);
  f.ok({{"cmd", "monitor.ground_truth"}, {"endpoint", "loan-api"}, {"request_id", id}, {"actual", 1}});
  CHECK(window(f.ok({{"cmd", "monitor.windows"}, {"endpoint", "loan-api"}}), 8)["labelled"] == 1);

  // A reload: a new session on the same store finds the log, the labels and the same windows.
  Session again(f.session.store().root(), f.clock, 6);
  Dispatcher d2(again);
  json w2 = d2.handle({{"cmd", "monitor.windows"}, {"endpoint", "loan-api"}, {"window", "day"}});
  REQUIRE(w2["ok"] == true);
  CHECK(w2["labelled"] == labelled + 1);
  CHECK(window(w2, 6)["accuracy"] == window(w, 6)["accuracy"]);
  // The next simulation continues the story on day 9.
  json more = d2.handle({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "stable"}, {"days", 1}, {"requests", 50}});
  CHECK(more["first_day"] == 9);
}

TEST_CASE("the same seed gives the same traffic; data-quality incidents are rejected with 422", "[monitor]") {
  json a, b;
  for (json* out : {&a, &b}) {
    labtest::SessionFixture f(out == &a ? "lab_monitor_seed_a" : "lab_monitor_seed_b", 5);
    deploy_loan_model(f);
    json sim = f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "data_quality"}, {"days", 6},
                     {"requests", 600}, {"seed", 4}, {"drift_day", 3}, {"ramp_days", 1}});
    json w = f.ok({{"cmd", "monitor.windows"}, {"endpoint", "loan-api"}});
    for (auto& win : w["windows"]) win.erase("latency_p50_ms"), win.erase("latency_p99_ms");
    *out = {sim, w["windows"]};
    CHECK(sim["rejected"].get<int>() > 60);
    CHECK(window(w, 1)["invalid_share"] == 0.0);
    CHECK(window(w, 5)["invalid_share"].get<double>() > 0.2);
    CHECK(window(w, 5)["invalid_share"].get<double>() < 0.4);
  }
  CHECK(a == b);
}

TEST_CASE("drift of the simulated traffic against the model's training data", "[monitor]") {
  labtest::SessionFixture f("lab_monitor_drift", 5);
  deploy_loan_model(f);
  f.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "covariate_drift"}, {"days", 4},
        {"requests", 1600}, {"seed", 2}, {"drift_day", 3}, {"ramp_days", 1}});
  json stable_day = f.ok({{"cmd", "monitor.drift"}, {"endpoint", "loan-api"}, {"reference", "training"}, {"current_days", {1, 2}}});
  json drifted_day = f.ok({{"cmd", "monitor.drift"}, {"endpoint", "loan-api"}, {"reference", "training"}, {"current_days", {4, 4}}});
  auto income = [](const json& r) {
    for (const auto& c : r["columns"])
      if (c["column"] == "income") return c;
    return json();
  };
  CHECK(income(stable_day)["test"] == "wasserstein");  // 2,000 training rows
  CHECK_FALSE(income(stable_day)["drifted"].get<bool>());
  CHECK(income(drifted_day)["drifted"].get<bool>());
  CHECK(drifted_day["reference"] == "the model's training data");
  CHECK_THAT(f.error({{"cmd", "monitor.drift"}, {"endpoint", "loan-api"}, {"current_days", {30, 31}}}),
             Catch::Contains("the current window has no rows"));
  CHECK_THAT(f.error({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "chaos"}}),
             Catch::Contains("unknown scenario 'chaos'"));
  CHECK_THAT(f.error({{"cmd", "monitor.windows"}, {"endpoint", "nope"}}), Catch::Contains("no endpoint named 'nope'"));
}
