// src/io/mlmodel.*: the MLmodel file in MLflow 2.12's format (mlflow/models/model.py Model.to_dict
// and yaml.safe_dump; Signature.to_dict keeps the schemas as JSON strings). MLflow's own classes
// load what this writes in tests/cli/mlflow_model.test.mjs.
#include <catch2/catch.hpp>

#include "io/mlmodel.hpp"

using namespace lab;

namespace {

InferenceContract small_contract() {
  InferenceContract c;
  FieldContract age;
  age.name = "age";
  age.integer = true;
  age.observed_min = 20;
  age.observed_max = 60;
  FieldContract income;
  income.name = "income";
  income.required = false;
  income.observed_min = 1000.5;
  income.observed_max = 2000.5;
  FieldContract plan;
  plan.name = "plan's";  // a quote, which YAML must escape
  plan.type = ColumnType::Categorical;
  plan.categories = {"basic", "pro"};
  c.fields = {age, income, plan};
  return c;
}

}  // namespace

TEST_CASE("utc_time_created is written as Python's str(datetime)") {
  CHECK(utc_time_text(0) == "1970-01-01 00:00:00.000000");
  CHECK(utc_time_text(1796304011123) == "2026-12-03 13:20:11.123000");
  CHECK(utc_time_text(951782400000) == "2000-02-29 00:00:00.000000");  // a leap day
}

TEST_CASE("the signature is the contract: typed, ordered, required as the contract says") {
  InferenceContract c = small_contract();
  CHECK(signature_inputs(c).dump() ==
        R"([{"name":"age","required":true,"type":"long"},{"name":"income","required":false,"type":"double"},)"
        R"({"name":"plan's","required":true,"type":"string"}])");
  CHECK(signature_outputs(Task::Binary, {"no", "yes"}).dump() ==
        R"([{"name":"prediction","required":true,"type":"string"},{"name":"probability","required":true,"type":"double"}])");
  CHECK(signature_outputs(Task::Regression, {}).dump() == R"([{"name":"prediction","required":true,"type":"double"}])");
  nlohmann::json multi = signature_outputs(Task::Multiclass, {"a", "b"});
  CHECK(multi[1]["type"] == "object");
  CHECK(multi[1]["properties"]["b"]["type"] == "double");
  CHECK(input_example_json(c).dump() == R"({"columns":["age","income","plan's"],"data":[[40,1500.5,"basic"]]})");
}

TEST_CASE("the MLmodel file: sorted keys, block style, the schemas as quoted JSON strings") {
  LoggedModel m;
  m.run_id = "0123456789abcdef0123456789abcdef";
  m.model_uuid = "fedcba9876543210fedcba9876543210";
  m.created_ms = 1796304011123;
  m.algo = "logistic_regression";
  m.target = "approved";
  m.lab_version = "0.1.0";
  m.task = Task::Binary;
  m.classes = {"0", "1"};
  m.contract = small_contract();
  const std::string expected =
      "artifact_path: 'model'\n"
      "flavors:\n"
      "  mlops_lab:\n"
      "    algo: 'logistic_regression'\n"
      "    classes:\n"
      "    - '0'\n"
      "    - '1'\n"
      "    contract: 'contract.json'\n"
      "    data: 'model.json'\n"
      "    format: 'mlops-lab-model/1'\n"
      "    lab_version: '0.1.0'\n"
      "    target: 'approved'\n"
      "    task: 'binary'\n"
      "model_uuid: 'fedcba9876543210fedcba9876543210'\n"
      "run_id: '0123456789abcdef0123456789abcdef'\n"
      "saved_input_example_info:\n"
      "  artifact_path: 'input_example.json'\n"
      "  pandas_orient: 'split'\n"
      "  type: 'dataframe'\n"
      "signature:\n"
      "  inputs: '[{\"name\":\"age\",\"required\":true,\"type\":\"long\"},{\"name\":\"income\",\"required\":false,\"type\":\"double\"},"
      "{\"name\":\"plan''s\",\"required\":true,\"type\":\"string\"}]'\n"
      "  outputs: '[{\"name\":\"prediction\",\"required\":true,\"type\":\"string\"},{\"name\":\"probability\",\"required\":true,"
      "\"type\":\"double\"}]'\n"
      "  params: null\n"
      "utc_time_created: '2026-12-03 13:20:11.123000'\n";
  CHECK(mlmodel_yaml(m) == expected);
  CHECK(mlmodel_dict(m)["flavors"]["mlops_lab"]["classes"].size() == 2);
}
