#include <catch2/catch.hpp>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {
json deploy_trained(Dispatcher& d, const std::string& dataset, const std::string& endpoint) {
  json gen = {{"cmd", "data.generate"}, {"dataset", dataset}, {"rows", 1500}, {"seed", 3}};
  REQUIRE(d.handle(gen)["ok"] == true);
  json run = d.handle({{"cmd", "train.run"}});
  REQUIRE(run["state"] == "done");
  REQUIRE(d.handle({{"cmd", "registry.register"}, {"model", dataset}, {"run_id", run["run_id"]}})["ok"] == true);
  d.handle({{"cmd", "registry.set_alias"}, {"model", dataset}, {"alias", "champion"}, {"version", 1}});
  json dep = d.handle({{"cmd", "serve.deploy"}, {"endpoint", endpoint}, {"model", dataset}});
  REQUIRE(dep["ok"] == true);
  json presets = d.handle({{"cmd", "serve.presets"}, {"endpoint", endpoint}});
  REQUIRE(presets["ok"] == true);
  return presets["presets"];
}

// Sends every fitting preset and checks it gets a prediction or exactly its promised errors.
void check_fitting_presets(Dispatcher& d, const json& presets, const std::string& endpoint, const std::string& family) {
  int fitting = 0;
  for (const auto& p : presets) {
    INFO(p["name"].get<std::string>());
    bool mine = p["name"].get<std::string>().rfind(family, 0) == 0;
    REQUIRE(p["fits"].get<bool>() == mine);
    if (!mine) {
      REQUIRE_THAT(p["reason"].get<std::string>(), Catch::Contains("needs"));
      continue;
    }
    ++fitting;
    json reply = d.handle({{"cmd", "serve.predict"}, {"endpoint", endpoint}, {"request", p["request"]}})["response"];
    if (p["valid"].get<bool>()) {
      REQUIRE(reply.contains("prediction"));
      continue;
    }
    REQUIRE(reply["status"] == 422);
    json got = json::array();
    for (const auto& e : reply["errors"]) got.push_back({{"field", e["field"]}, {"kind", e["kind"]}});
    REQUIRE(got == p["expected_errors"]);
  }
  REQUIRE(fitting >= 4);
}
}  // namespace

TEST_CASE("the churn lab's presets fit a model trained on generated churn data; the iris ones do not") {
  labtest::SessionFixture f("lab_presets_churn", 5);
  json presets = deploy_trained(f.d, "churn", "churn-api");
  check_fitting_presets(f.d, presets, "churn-api", "Churn");
}

TEST_CASE("the iris API guide's presets fit a model trained on iris; the churn ones do not") {
  labtest::SessionFixture f("lab_presets_iris", 6);
  json presets = deploy_trained(f.d, "iris", "iris-api");
  check_fitting_presets(f.d, presets, "iris-api", "Iris");
}

TEST_CASE("a training column with gaps is optional in the contract, so a churn request without TotalCharges is scored") {
  labtest::SessionFixture f("lab_presets_optional", 7);
  deploy_trained(f.d, "churn", "churn-api");
  json contract = f.d.handle({{"cmd", "serve.contract"}, {"endpoint", "churn-api"}});
  for (const auto& field : contract["fields"])
    REQUIRE(field["required"].get<bool>() == (field["name"] != "TotalCharges"));
  json example = contract["example"];
  example["features"].erase("TotalCharges");
  json reply = f.d.handle({{"cmd", "serve.predict"}, {"endpoint", "churn-api"}, {"request", example}})["response"];
  REQUIRE(reply.contains("prediction"));
}

TEST_CASE("serve.batch: a file lacking columns, a non-CSV name and no deployed model get clear errors") {
  labtest::SessionFixture f("lab_batch_errors", 8);
  json none = f.d.handle({{"cmd", "serve.batch"}, {"endpoint", "iris-api"}, {"text", "a\n1\n"}});
  REQUIRE(none["ok"] == false);
  REQUIRE_THAT(none["error"].get<std::string>(), Catch::Contains("no endpoint named 'iris-api'; deploy one"));
  deploy_trained(f.d, "iris", "iris-api");
  json lacking = f.d.handle({{"cmd", "serve.batch"}, {"endpoint", "iris-api"}, {"text", "sepal_length,petal_width\n5,1\n"}});
  REQUIRE_THAT(lacking["error"].get<std::string>(), Catch::Contains("needs: sepal_width, petal_length"));
  json xlsx = f.d.handle({{"cmd", "serve.batch"}, {"endpoint", "iris-api"}, {"filename", "flowers.xlsx"}, {"text", "x"}});
  REQUIRE_THAT(xlsx["error"].get<std::string>(), Catch::Contains("not a .csv file"));
  json ok = f.d.handle({{"cmd", "serve.batch"}, {"endpoint", "iris-api"}, {"filename", "flowers.csv"},
                        {"text", "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n5.1,3.5,1.4,-2\n"}});
  REQUIRE(ok["scored"] == 1);
  REQUIRE(ok["rejected"] == 1);
  REQUIRE(ok["errors"][0] == json({{"row", 3}, {"field", "petal_width"}, {"kind", "negative"},
                                   {"message", ok["errors"][0]["message"]}}));
  REQUIRE(ok["results"][0]["probabilities"].size() == 3);
  REQUIRE(ok["filename"] == "flowers.csv");
}

TEST_CASE("the loan workshop's presets fit a loan model; the extra-field one is answered with a warning") {
  labtest::SessionFixture f("lab_presets_loan", 9);
  json presets = deploy_trained(f.d, "loan", "loan-api");
  check_fitting_presets(f.d, presets, "loan-api", "Loan");
  for (const auto& p : presets) {
    if (p["name"] != "Loan: extra field") continue;
    json reply = f.d.handle({{"cmd", "serve.predict"}, {"endpoint", "loan-api"}, {"request", p["request"]}})["response"];
    REQUIRE(reply.contains("prediction"));
    REQUIRE(reply["warnings"].size() == 1);
    REQUIRE(reply["warnings"][0]["field"] == "zip_code");
    REQUIRE(reply["warnings"][0]["kind"] == "unknown_field");
    REQUIRE_THAT(reply["warnings"][0]["message"].get<std::string>(), Catch::Contains("ignored"));
    return;
  }
  FAIL("no 'Loan: extra field' preset");
}
