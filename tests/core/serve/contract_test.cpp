#include <catch2/catch.hpp>

#include "core/serve/contract.hpp"

using namespace lab;
using nlohmann::json;

namespace {
// The iris training schema (observed ranges of the real iris data) plus one categorical field.
Schema iris_like() {
  Schema s;
  auto num = [](const char* n, double lo, double hi) {
    ColumnSchema c;
    c.name = n;
    c.min = lo;
    c.max = hi;
    return c;
  };
  s.columns = {num("sepal_length", 4.3, 7.9), num("sepal_width", 2.0, 4.4), num("petal_length", 1.0, 6.9),
               num("petal_width", 0.1, 2.5)};
  ColumnSchema plan;
  plan.name = "garden";
  plan.type = ColumnType::Categorical;
  plan.categories = {"north", "south"};
  s.columns.push_back(plan);
  return s;
}
const std::vector<std::string> kFeatures = {"sepal_length", "sepal_width", "petal_length", "petal_width", "garden"};
}  // namespace

TEST_CASE("the contract comes from the training schema with a margin around observed ranges") {
  InferenceContract c = derive_contract(iris_like(), kFeatures);
  REQUIRE(c.fields.size() == 5);
  REQUIRE(c.fields[0].min == Approx(4.3 - 0.36));
  REQUIRE(c.fields[0].max == Approx(7.9 + 0.36));
  REQUIRE(c.fields[3].min == 0.0);  // would be -0.14, but the field was never negative
  json j = c.to_json();
  REQUIRE(j["fields"][4]["categories"] == json::array({"north", "south"}));
  REQUIRE(InferenceContract::from_json(j).to_json() == j);
  REQUIRE(validate_request(c, c.example_request()).ok());
  REQUIRE_THROWS_WITH(derive_contract(iris_like(), {"stem"}), Catch::Contains("'stem' is not a column"));
}

TEST_CASE("seed 001's valid request passes") {
  InferenceContract c = derive_contract(iris_like(), kFeatures);
  json req = {{"features", {{"sepal_length", 5.1}, {"sepal_width", 3.5}, {"petal_length", 1.4}, {"petal_width", 0.2},
                            {"garden", "north"}}}};
  ValidationResult r = validate_request(c, req);
  REQUIRE(r.ok());
  REQUIRE(r.warnings.empty());
}

TEST_CASE("every problem of a bad request is listed at once, each with field, expectation and what came") {
  InferenceContract c = derive_contract(iris_like(), kFeatures);
  // seed 001's exercise: a negative value; plus a string, an unknown category, a missing field, an extra field.
  json req = {{"features", {{"sepal_length", -1}, {"sepal_width", "wide"}, {"petal_length", 1.4}, {"garden", "east"}, {"colour", "blue"}}}};
  ValidationResult r = validate_request(c, req);
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors.size() == 4);
  REQUIRE(r.errors[0].field == "sepal_length");
  REQUIRE(r.errors[0].kind == "negative");
  REQUIRE(r.errors[0].message == "Field 'sepal_length' cannot be negative (got -1); training data ranged 4.3 to 7.9.");
  REQUIRE(r.errors[1].field == "sepal_width");
  REQUIRE(r.errors[1].kind == "wrong_type");
  REQUIRE(r.errors[1].message == "Field 'sepal_width' must be a number, got text \"wide\".");
  REQUIRE(r.errors[2].field == "petal_width");
  REQUIRE(r.errors[2].kind == "missing");
  REQUIRE(r.errors[2].message == "Field 'petal_width' is required but missing.");
  REQUIRE(r.errors[3].kind == "unknown_category");
  REQUIRE(r.errors[3].message ==
          "Field 'garden' has the value 'east', which the model never saw; use one of north, south.");
  REQUIRE(r.warnings.size() == 1);
  REQUIRE(r.warnings[0].kind == "unknown_field");
  json body = r.to_json();
  REQUIRE(body["status"] == 422);
  REQUIRE(body["errors"][0]["got"] == -1);
  REQUIRE(body["errors"][2]["got"].is_null());
}

TEST_CASE("seed 001's missing-fields exercise names every missing field") {
  InferenceContract c = derive_contract(iris_like(), kFeatures);
  ValidationResult r = validate_request(c, json::parse(R"({"features": {"sepal_length": 5.1}})"));
  REQUIRE(r.errors.size() == 4);
  for (const auto& e : r.errors) REQUIRE(e.kind == "missing");
}

TEST_CASE("out-of-range values are rejected or only warned, as the contract says") {
  InferenceContract c = derive_contract(iris_like(), kFeatures);
  json req = {{"sepal_length", 30.0}, {"sepal_width", 3.0}, {"petal_length", 1.4}, {"petal_width", 0.2}, {"garden", "south"}};
  ValidationResult rejected = validate_request(c, req);  // flat request body (seed 004 style)
  REQUIRE(rejected.errors.size() == 1);
  REQUIRE(rejected.errors[0].kind == "out_of_range");
  c.out_of_range = OutOfRangePolicy::Warn;
  ValidationResult warned = validate_request(c, req);
  REQUIRE(warned.ok());
  REQUIRE(warned.warnings.size() == 1);
}

TEST_CASE("malformed requests get one clear error") {
  InferenceContract c = derive_contract(iris_like(), kFeatures);
  REQUIRE(validate_request(c, json::array({1, 2})).errors[0].kind == "bad_request");
  REQUIRE(validate_request(c, {{"features", 5}}).errors[0].kind == "wrong_type");
  REQUIRE(validate_request(c, {{"features", {{"sepal_length", true}}}}).errors[0].message.find("true/false") != std::string::npos);
}

TEST_CASE("the example request shows numbers as people type them, inside the observed range") {
  Schema s;
  ColumnSchema dti;
  dti.name = "debt_to_income";
  dti.min = 0.1;
  dti.max = 0.612;  // (0.1 + 0.612) / 2 is 0.35600000000000004 in doubles
  ColumnSchema tiny = dti;
  tiny.name = "tiny";
  tiny.min = tiny.max = 0.123456789;  // rounding would leave the (zero-width) range: kept exact
  s.columns = {dti, tiny};
  InferenceContract c = derive_contract(s, {"debt_to_income", "tiny"});
  const json e = c.example_request()["features"];
  CHECK(e["debt_to_income"].dump() == "0.356");
  CHECK(e["tiny"].get<double>() == 0.123456789);
  CHECK(validate_request(c, c.example_request()).ok());
}
