// data.set_role: a user changes what the id heuristic (or anything else) decided about a column,
// sees why each column has its role, and training uses exactly the feature columns.
#include <catch2/catch.hpp>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {
struct Fixture : labtest::SessionFixture {
  explicit Fixture(const char* name) : SessionFixture(std::string("lab_set_role_") + name, 5) {}
  json column(const std::string& name) {
    const json schema = ok({{"cmd", "data.schema"}});
    for (const auto& c : schema["columns"])
      if (c["name"] == name) return c;
    FAIL("no column " << name);
    return {};
  }
};
bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

// 40 rows: "order" counts 1..n (the id heuristic's case), "x" carries the signal.
std::string csv() {
  std::string s = "order,x,colour,bought\n";
  for (int i = 0; i < 40; ++i)
    s += std::to_string(i + 1) + "," + std::to_string((i * 7) % 13) + "," + (i % 3 ? "red" : "blue") + "," +
         ((i * 7) % 13 > 6 ? "yes" : "no") + "\n";
  return s;
}
}  // namespace

TEST_CASE("data.set_role: the schema says why a column is excluded, and the role can be changed") {
  Fixture f("change");
  json imported = f.ok({{"cmd", "data.import_csv"}, {"name", "orders.csv"}, {"text", csv()}, {"target", "bought"}});
  json order = f.column("order");
  REQUIRE(order["role"] == "id");
  REQUIRE(order["role_reason"] == "id: unique whole numbers 1..n, one per row (a row counter)");
  REQUIRE(f.column("x")["role_reason"] == "feature: a model input");
  REQUIRE(f.column("bought")["role_reason"] == "target: what the model learns to predict");

  json r = f.ok({{"cmd", "data.set_role"}, {"column", "order"}, {"role", "feature"}});
  REQUIRE(r["role"] == "feature");
  REQUIRE(r["features"] == json({"order", "x", "colour"}));
  REQUIRE(r["hash"] != imported["hash"]);  // roles are part of the version
  REQUIRE(has(r["role_reason"], "feature, though it looks like an id: unique whole numbers 1..n"));

  r = f.ok({{"cmd", "data.set_role"}, {"column", "colour"}, {"role", "ignore"}});
  REQUIRE(r["features"] == json({"order", "x"}));
  REQUIRE(f.column("colour")["role_reason"] == "ignore: left out of the model");
  r = f.ok({{"cmd", "data.set_role"}, {"column", "x"}, {"role", "time"}});
  REQUIRE(r["features"] == json({"order"}));
  f.ok({{"cmd", "data.set_role"}, {"column", "x"}, {"role", "feature"}});
}

TEST_CASE("data.set_role: training honours the roles") {
  Fixture f("train");
  f.ok({{"cmd", "data.import_csv"}, {"name", "orders.csv"}, {"text", csv()}, {"target", "bought"}});
  TrainRequest req;
  auto features_of = [&] { return TrainJob(f.session.dataset()->table, req).feature_names(); };
  REQUIRE(features_of() == std::vector<std::string>{"x", "colour"});  // "order" left out as an id
  f.ok({{"cmd", "data.set_role"}, {"column", "order"}, {"role", "feature"}});
  REQUIRE(features_of() == std::vector<std::string>{"order", "x", "colour"});
  f.ok({{"cmd", "data.set_role"}, {"column", "colour"}, {"role", "ignore"}});
  REQUIRE(features_of() == std::vector<std::string>{"order", "x"});
  f.ok({{"cmd", "data.set_role"}, {"column", "bought"}, {"role", "feature"}});  // no target any more
  REQUIRE_THROWS_WITH(features_of(), Catch::Contains("the dataset has no target column"));
  // With the target back, a run through the dispatcher trains on the edited version.
  f.ok({{"cmd", "data.set_target"}, {"column", "bought"}});
  REQUIRE(f.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}})["ok"] == true);
}

TEST_CASE("data.set_role: clear errors, and a failed command changes nothing") {
  Fixture f("errors");
  REQUIRE(has(f.error({{"cmd", "data.set_role"}, {"column", "x"}, {"role", "id"}}), "no dataset yet"));
  json imported = f.ok({{"cmd", "data.import_csv"}, {"name", "orders.csv"}, {"text", csv()}, {"target", "bought"}});
  REQUIRE(has(f.error({{"cmd", "data.set_role"}, {"column", "nope"}, {"role", "id"}}),
              "there is no column 'nope'; the columns are: order, x, colour, bought"));
  REQUIRE(has(f.error({{"cmd", "data.set_role"}, {"column", "x"}, {"role", "label"}}),
              "unknown role 'label'; a column's role is one of: feature, target, id, time, ignore"));
  REQUIRE(has(f.error({{"cmd", "data.set_role"}, {"column", "x"}, {"role", "target"}}),
              "'bought' is already the target and a dataset has only one; to predict 'x' instead, make it the target "
              "with data.set_target"));
  REQUIRE(has(f.error({{"cmd", "data.set_role"}, {"column", "x"}}), "'role' is required"));
  REQUIRE(has(f.error({{"cmd", "data.set_role"}, {"role", "id"}}), "'column' is required"));
  REQUIRE(f.session.dataset()->hash == imported["hash"]);

  // Without a target, any one column may take the role; setting the target's own role again is fine.
  f.ok({{"cmd", "data.set_role"}, {"column", "bought"}, {"role", "ignore"}});
  json r = f.ok({{"cmd", "data.set_role"}, {"column", "x"}, {"role", "target"}});
  REQUIRE(r["target"] == "x");
  f.ok({{"cmd", "data.set_role"}, {"column", "x"}, {"role", "target"}});
}
