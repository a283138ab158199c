// The remote experiment a name means: the oldest active one (MLflow's file store can hold two of
// one name after a create race), asked for with experiments/search.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/sync/experiment_lookup.hpp"

using namespace lab::sync;
using Found = ExperimentMatch::Found;

TEST_CASE("an experiment is looked up by name, oldest first, deleted ones included", "[sync]") {
  HttpRequest r = experiment_by_name_request("the room");
  CHECK(r.method == "POST");
  CHECK(r.path == "/api/2.0/mlflow/experiments/search");
  auto body = nlohmann::json::parse(r.body);
  CHECK(body["filter"] == "name = 'the room'");
  CHECK(body["order_by"] == nlohmann::json({"creation_time ASC", "experiment_id ASC"}));
  CHECK(body["view_type"] == "ALL");

  // A quote in the name: the other kind of quote around it.
  CHECK(nlohmann::json::parse(experiment_by_name_request("ana's room").body)["filter"] == "name = \"ana's room\"");
  // Both kinds: MLflow's filter cannot say it, get-by-name can.
  HttpRequest both = experiment_by_name_request("a'b\"c");
  CHECK(both.method == "GET");
  CHECK(both.path == "/api/2.0/mlflow/experiments/get-by-name?experiment_name=a%27b%22c");
}

TEST_CASE("the answer names the oldest active experiment, or says there is none or only a deleted one", "[sync]") {
  auto read = [](int status, const std::string& body) { return read_experiment_by_name({status, body, "", ""}); };

  ExperimentMatch twins = read(200, R"({"experiments":[
      {"experiment_id":"7","name":"r","lifecycle_stage":"deleted"},
      {"experiment_id":"9","name":"r","lifecycle_stage":"active"},
      {"experiment_id":"3","name":"r","lifecycle_stage":"active"}]})");
  CHECK(twins.found == Found::Active);
  CHECK(twins.id == "9");  // the first active in the server's (oldest first) order

  ExperimentMatch deleted = read(200, R"({"experiments":[{"experiment_id":"7","lifecycle_stage":"deleted"}]})");
  CHECK(deleted.found == Found::DeletedOnly);
  CHECK(deleted.id == "7");

  ExperimentMatch none = read(200, "{}");  // MLflow leaves out an empty list
  CHECK(none.found == Found::None);
  CHECK(none.understood);
  CHECK(none.absent);  // so the lab creates it
  CHECK_FALSE(deleted.absent);
  CHECK_FALSE(twins.absent);

  ExperimentMatch by_name = read(200, R"({"experiment":{"experiment_id":"4","lifecycle_stage":"active"}})");
  CHECK(by_name.found == Found::Active);
  CHECK(by_name.id == "4");
  ExperimentMatch missing = read(404, R"({"error_code":"RESOURCE_DOES_NOT_EXIST","message":"no"})");
  CHECK(missing.found == Found::None);
  CHECK(missing.understood);
  CHECK(missing.absent);
  CHECK_FALSE(read(500, "{}").absent);  // a failing server says nothing about the name

  CHECK_FALSE(read(200, "<html>a proxy's page</html>").understood);
  CHECK_FALSE(read(200, R"({"runs":[]})").understood);
  CHECK_FALSE(read(200, R"({"runs":[]})").absent);
  CHECK_FALSE(read(200, R"({"runs":[]})").absent);
  CHECK_FALSE(read(200, R"({"experiments":{"experiment_id":"1"}})").understood);
}
