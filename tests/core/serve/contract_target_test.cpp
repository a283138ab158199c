#include <catch2/catch.hpp>

#include "core/serve/contract.hpp"

using namespace lab;

TEST_CASE("class meanings come from the target's description, for the classes the model knows") {
  ContractTarget loan = describe_target("approved", "1 = loan approved, 0 = declined", "binary", {"0", "1"});
  REQUIRE(loan.meaning_of("1") == "loan approved");
  REQUIRE(loan.meaning_of("0") == "declined");
  ContractTarget churn = describe_target("Churn", "Yes = the customer left within the last month", "binary", {"No", "Yes"});
  REQUIRE(churn.meaning_of("Yes") == "the customer left within the last month");
  REQUIRE(churn.meaning_of("No").empty());
  REQUIRE(describe_target("hours", "1 = x", "regression", {}).meanings.empty());
  REQUIRE(class_meanings("a = b; 2 = two; nothing here", {"2"}) == std::map<std::string, std::string>{{"2", "two"}});

  // The target travels with the contract's JSON and gives the signature an endpoint compares.
  InferenceContract c;
  c.fields.push_back({"age", "", ColumnType::Numeric});
  c.target = loan;
  InferenceContract back = InferenceContract::from_json(c.to_json());
  REQUIRE(back.target.meaning_of("1") == "loan approved");
  ModelSignature s = signature_of(back);
  REQUIRE(s.target == "approved");
  REQUIRE(s.task == "binary");
  REQUIRE(s.inputs == std::vector<SignatureInput>{{"age", "number"}});
}
