// Issue 9, stopper 3: a churn model registered under "loan-approval" is refused, and an
// endpoint refuses to follow an alias to a version whose contract it cannot serve.
#include <catch2/catch.hpp>
#include <set>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {
std::string train(labtest::SessionFixture& f, const std::string& dataset, const std::string& algo) {
  f.ok({{"cmd", "data.generate"}, {"dataset", dataset}, {"rows", 1200}, {"seed", 2}});
  json run = f.ok({{"cmd", "train.run"}, {"algo", algo}});
  REQUIRE(run["state"] == "done");
  return run["run_id"];
}

const json kLoanRequest = {{"features",
                            {{"age", 35}, {"income", 62000}, {"credit_score", 705}, {"debt_to_income", 0.28},
                             {"employment_years", 6.5}, {"loan_amount", 15000}}}};
}  // namespace

TEST_CASE("the churn SVM is refused under loan-approval; a forced alias move leaves the loan endpoint on its version") {
  auto root = labtest::fresh_store("lab_model_mixing");
  FixedClock clock;
  {
    labtest::SessionFixture f("lab_model_mixing", 31);
    std::string loan_run = train(f, "loan", "logistic_regression");
    f.ok({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", loan_run}});
    f.ok({{"cmd", "registry.set_alias"}, {"model", "loan-approval"}, {"alias", "champion"}, {"version", 1}});
    f.ok({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan-approval"}});

    std::string churn_run = train(f, "churn", "svm");
    std::string refused = f.error({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", churn_run}});
    CHECK_THAT(refused, Catch::StartsWith("Not registered: 'loan-approval' predicts 'approved' (binary) from 6 inputs, "
                                          "but this run predicts 'Churn' (binary) from 19 inputs"));
    CHECK_THAT(refused, Catch::Contains("target: 'approved' vs 'Churn'"));
    CHECK_THAT(refused, Catch::Contains("inputs it lacks: age, income, credit_score"));
    CHECK_THAT(refused, Catch::Contains("Register it under another name as a new model, e.g. 'churn-model'"));
    REQUIRE(f.ok({{"cmd", "registry.get"}, {"model", "loan-approval"}})["versions"].size() == 1);

    // The explicit new-model path: an existing name is refused, a new one is created.
    CHECK_THAT(f.error({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", churn_run}, {"new_model", true}}),
               Catch::Contains("already exists"));
    REQUIRE(f.ok({{"cmd", "registry.register"}, {"model", "churn-model"}, {"run_id", churn_run}, {"new_model", true}})["version"] == 1);

    // Forced into the loan model anyway, and @champion pointed at it.
    REQUIRE(f.ok({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", churn_run}, {"allow_mixing", true}})["version"] == 2);
    f.ok({{"cmd", "registry.set_alias"}, {"model", "loan-approval"}, {"alias", "champion"}, {"version", 2}});

    json reply = f.ok({{"cmd", "serve.predict"}, {"endpoint", "loan-api"}, {"request", kLoanRequest}})["response"];
    REQUIRE(reply["version"] == 1);  // still the loan model
    REQUIRE((reply["prediction"] == "0" || reply["prediction"] == "1"));
    REQUIRE(reply["prediction_meaning"] == (reply["prediction"] == "1" ? "loan approved" : "declined"));
    json health = f.ok({{"cmd", "serve.health"}, {"endpoint", "loan-api"}});
    REQUIRE(health["version"] == 1);
    REQUIRE(health["alias_refused"]["version"] == 2);
    std::string why = health["alias_refused"]["reason"];
    CHECK_THAT(why, Catch::Contains("@champion points at loan-approval v2, which predicts 'Churn' (binary)"));
    CHECK_THAT(why, Catch::Contains("this endpoint's contract predicts 'approved' (binary)"));
    CHECK_THAT(why, Catch::Contains("Still serving v1"));

    // Lineage: which endpoint serves which version.
    json versions = f.ok({{"cmd", "registry.get"}, {"model", "loan-approval"}})["versions"];
    REQUIRE(versions[0]["lineage"]["served_by"] == json::array({"loan-api"}));
    REQUIRE(versions[1]["lineage"]["served_by"] == json::array());
    REQUIRE(versions[1]["lineage"]["signature"]["target"] == "Churn");
  }
  // After a reload the endpoint still serves v1 and still says why.
  Session reopened(root, clock, 33);
  Dispatcher d(reopened);
  json health = d.handle({{"cmd", "serve.health"}, {"endpoint", "loan-api"}});
  REQUIRE(health["version"] == 1);
  REQUIRE(health["alias_refused"]["version"] == 2);
  // Moving @champion back clears the refusal.
  REQUIRE(d.handle({{"cmd", "registry.rollback"}, {"model", "loan-approval"}, {"alias", "champion"}})["version"] == 1);
  json after = d.handle({{"cmd", "serve.health"}, {"endpoint", "loan-api"}});
  REQUIRE_FALSE(after.contains("alias_refused"));
}

TEST_CASE("request ids never repeat in one log across sessions, and the counters are carried over") {
  auto root = labtest::fresh_store("lab_request_ids");
  FixedClock clock;
  auto deploy_loan = [](Dispatcher& d) {
    d.handle({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 600}, {"seed", 4}});
    std::string run = d.handle({{"cmd", "train.run"}})["run_id"];
    d.handle({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", run}});
    d.handle({{"cmd", "registry.set_alias"}, {"model", "loan-approval"}, {"alias", "champion"}, {"version", 1}});
    REQUIRE(d.handle({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan-approval"}})["ok"] == true);
  };
  json bad = kLoanRequest;
  bad["features"]["income"] = -1;
  {
    Session s(root, clock, 7);
    Dispatcher d(s);
    deploy_loan(d);
    d.handle({{"cmd", "serve.predict"}, {"endpoint", "loan-api"}, {"request", kLoanRequest}});
    d.handle({{"cmd", "serve.predict"}, {"endpoint", "loan-api"}, {"request", kLoanRequest}});
    d.handle({{"cmd", "serve.predict"}, {"endpoint", "loan-api"}, {"request", bad}});
  }
  // The same entropy again (the worst case): the prefix already in the log is not reused.
  Session s(root, clock, 7);
  Dispatcher d(s);
  json health = d.handle({{"cmd", "serve.health"}, {"endpoint", "loan-api"}});
  REQUIRE(health["requests"]["total"] == 3);
  REQUIRE(health["requests"]["ok"] == 2);
  REQUIRE(health["requests"]["invalid"] == 1);
  d.handle({{"cmd", "serve.predict"}, {"endpoint", "loan-api"}, {"request", kLoanRequest}});
  d.handle({{"cmd", "serve.predict"}, {"endpoint", "loan-api"}, {"request", bad}});
  REQUIRE(d.handle({{"cmd", "serve.health"}, {"endpoint", "loan-api"}})["requests"]["total"] == 5);
  json log = d.handle({{"cmd", "serve.log"}, {"endpoint", "loan-api"}})["entries"];
  REQUIRE(log.size() == 5);
  std::set<std::string> ids;
  for (const auto& e : log) ids.insert(e["request_id"].get<std::string>());
  REQUIRE(ids.size() == 5);
  REQUIRE(log[0]["request_id"].get<std::string>().substr(0, 13) != log[4]["request_id"].get<std::string>().substr(0, 13));
}

TEST_CASE("deploying over a live endpoint needs replace; serve.list names each endpoint's model and version") {
  labtest::SessionFixture f("lab_deploy_replace", 41);
  std::string loan_run = train(f, "loan", "logistic_regression");
  f.ok({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", loan_run}});
  f.ok({{"cmd", "registry.set_alias"}, {"model", "loan-approval"}, {"alias", "champion"}, {"version", 1}});
  f.ok({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan-approval"}});
  std::string again = f.error({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan-approval"}});
  CHECK_THAT(again, Catch::Contains("endpoint 'loan-api' is live, serving loan-approval @champion (v1)"));
  CHECK_THAT(again, Catch::Contains("replace: true"));
  f.ok({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan-approval"}, {"replace", true}});
  json list = f.ok({{"cmd", "serve.list"}});
  REQUIRE(list["deployed"] == json::array({{{"name", "loan-api"}, {"model", "loan-approval"}, {"alias", "champion"}, {"version", 1}}}));

  // The editor's text: bad JSON gets a 400 with its position, and nothing is logged.
  json reply = f.ok({{"cmd", "serve.predict"}, {"endpoint", "loan-api"}, {"request_text", "{\"features\": {\"age\": 35,}}"}})["response"];
  REQUIRE(reply["status"] == 400);
  REQUIRE(reply["line"] == 1);
  REQUIRE(reply["column"] == 25);
  REQUIRE(f.ok({{"cmd", "serve.log"}, {"endpoint", "loan-api"}})["entries"].empty());
}
