#include <catch2/catch.hpp>

#include "core/serve/request_presets.hpp"

using namespace lab;
using nlohmann::json;

namespace {
const RequestPreset& preset(const std::string& name) {
  for (const auto& p : request_presets())
    if (p.name == name) return p;
  FAIL("no preset " << name);
  throw;
}

InferenceContract iris_contract() {
  Schema s;
  for (const char* n : {"sepal_length", "sepal_width", "petal_length", "petal_width"}) {
    ColumnSchema c;
    c.name = n;
    c.min = 0.1;
    c.max = 7.9;
    s.columns.push_back(c);
  }
  return derive_contract(s, {"sepal_length", "sepal_width", "petal_length", "petal_width"});
}
}  // namespace

TEST_CASE("every preset's request gives exactly the errors it promises, on a contract it fits") {
  InferenceContract iris = iris_contract();
  for (const auto& p : request_presets()) {
    if (!p.base.contains("sepal_length")) continue;  // the churn ones: tests/commands/serve_presets_test.cpp
    INFO(p.name);
    REQUIRE(preset_fit(p, iris).fits);
    ValidationResult v = validate_request(iris, p.request);
    REQUIRE(v.errors.size() == p.expected_errors.size());
    for (size_t i = 0; i < v.errors.size(); ++i) {
      REQUIRE(v.errors[i].field == p.expected_errors[i].field);
      REQUIRE(v.errors[i].kind == p.expected_errors[i].kind);
    }
  }
}

TEST_CASE("a preset that does not fit the contract says why") {
  PresetFit churn_on_iris = preset_fit(preset("Churn example"), iris_contract());
  REQUIRE_FALSE(churn_on_iris.fits);
  REQUIRE_THAT(churn_on_iris.reason, Catch::Contains("needs sepal_length, sepal_width") && Catch::Contains("churn model"));
  // Same field names, but a categorical field where the example has a number.
  InferenceContract odd = iris_contract();
  odd.fields[0].type = ColumnType::Categorical;
  odd.fields[0].categories = {"short", "long"};
  PresetFit mistyped = preset_fit(preset("Iris example"), odd);
  REQUIRE_FALSE(mistyped.fits);
  REQUIRE_THAT(mistyped.reason, Catch::Contains("sepal_length = 5.1 (the model knows short, long)"));
  json all = presets_json(iris_contract());
  REQUIRE(all.size() == request_presets().size());
  REQUIRE(all[0]["fits"] == false);
  REQUIRE(all[0]["valid"] == true);
}
