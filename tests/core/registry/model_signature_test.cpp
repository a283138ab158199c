#include <catch2/catch.hpp>

#include "core/registry/model_signature.hpp"
#include "core/registry/registry.hpp"

using namespace lab;

namespace {
ModelSignature loan() {
  return {"approved", "binary",
          {{"age", "number"}, {"income", "number"}, {"credit_score", "number"}, {"debt_to_income", "number"},
           {"employment_years", "number"}, {"loan_amount", "number"}}};
}
ModelSignature churn() {
  return {"Churn", "binary", {{"tenure", "number"}, {"Contract", "category"}, {"MonthlyCharges", "number"}}};
}
Lineage with(ModelSignature s) {
  Lineage l;
  l.signature = std::move(s);
  return l;
}
}  // namespace

TEST_CASE("signature differences name both targets and the missing, extra and re-typed inputs") {
  REQUIRE(signature_differences(loan(), loan()).empty());
  auto d = signature_differences(loan(), churn());
  REQUIRE(d.size() == 3);
  REQUIRE(d[0] == "target: 'approved' vs 'Churn'");
  REQUIRE(d[1] == "inputs it lacks: age, income, credit_score, debt_to_income, employment_years, loan_amount");
  REQUIRE(d[2] == "inputs it adds: tenure, Contract, MonthlyCharges");

  ModelSignature regression = loan();
  regression.task = "regression";
  regression.inputs[1].kind = "category";
  auto r = signature_differences(loan(), regression);
  REQUIRE(r == std::vector<std::string>{"task: binary vs regression", "inputs of another kind: income (number vs category)"});

  // Input order does not matter; an unknown side (an older version) is not compared.
  ModelSignature shuffled = loan();
  std::swap(shuffled.inputs[0], shuffled.inputs[5]);
  REQUIRE(signature_differences(loan(), shuffled).empty());
  REQUIRE(signature_differences(ModelSignature{}, churn()).empty());
  REQUIRE(signature_from_json(to_json(churn())).inputs == churn().inputs);
}

TEST_CASE("the registry refuses a version whose signature differs from the model's, unless mixing is allowed") {
  FixedClock clock;
  Registry r(clock);
  REQUIRE(r.create_version("loan-approval", "run1", "runs:/run1/model", with(loan()), "u") == 1);
  REQUIRE(r.create_version("loan-approval", "run2", "runs:/run2/model", with(loan()), "u") == 2);
  try {
    r.create_version("loan-approval", "run3", "runs:/run3/model", with(churn()), "u");
    FAIL("mixing was accepted");
  } catch (const ModelMixError& e) {
    std::string m = e.what();
    CHECK_THAT(m, Catch::Contains("'loan-approval' predicts 'approved' (binary) from 6 inputs"));
    CHECK_THAT(m, Catch::Contains("this run predicts 'Churn' (binary) from 3 inputs"));
    CHECK_THAT(m, Catch::Contains("target: 'approved' vs 'Churn'"));
  }
  REQUIRE(r.model("loan-approval").versions.size() == 2);  // nothing was added
  REQUIRE(r.create_version("loan-approval", "run3", "runs:/run3/model", with(churn()), "u", true) == 3);
  // The newest known signature is the model's: after a forced version it is the churn one.
  REQUIRE(r.signature_of("loan-approval").target == "Churn");
  // A model of its own takes the churn run without a word.
  REQUIRE(r.create_version("churn-model", "run3", "runs:/run3/model", with(churn()), "u") == 1);
}
