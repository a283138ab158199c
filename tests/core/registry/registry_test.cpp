#include <catch2/catch.hpp>

#include "core/registry/registry.hpp"

using namespace lab;

TEST_CASE("versions are numbered from runs; aliases move and roll back in one action") {
  FixedClock clock;
  Registry r(clock);
  Lineage lin;
  lin.dataset_hash = "abc";
  REQUIRE(r.create_version("loan-approval", "run1", "runs:/run1/model", lin, "ana") == 1);
  clock.t += 1000;
  REQUIRE(r.create_version("loan-approval", "run2", "runs:/run2/model", lin, "ana") == 2);
  r.set_alias("loan-approval", "champion", 1, "baseline");
  r.set_alias("loan-approval", "challenger", 2, "");
  clock.t += 1000;
  r.set_alias("loan-approval", "champion", 2, "better AUC");
  REQUIRE(r.version_for_alias("loan-approval", "champion") == 2);
  REQUIRE(r.rollback_alias("loan-approval", "champion", "AUC dropped in production") == 1);
  REQUIRE(r.version_for_alias("loan-approval", "champion") == 1);
  const auto& h = r.model("loan-approval").history;
  REQUIRE(h.back().kind == "alias");
  REQUIRE(h.back().from == "2");
  REQUIRE(h.back().to == "1");
  REQUIRE(h.back().comment == "AUC dropped in production");
  // A second rollback goes back to where the first came from: 2.
  REQUIRE(r.rollback_alias("loan-approval", "champion", "") == 2);
  REQUIRE_THROWS_WITH(r.rollback_alias("loan-approval", "challenger", ""), Catch::Contains("no earlier version"));
}

TEST_CASE("alias and name rules") {
  FixedClock clock;
  Registry r(clock);
  r.create_version("m", "run1", "", {}, "");
  REQUIRE_THROWS_WITH(r.set_alias("m", "latest", 1, ""), Catch::Contains("reserved"));
  REQUIRE_THROWS_WITH(r.set_alias("m", "v2", 1, ""), Catch::Contains("reserved"));
  REQUIRE_THROWS_WITH(r.set_alias("m", "my alias", 1, ""), Catch::Contains("only letters"));
  REQUIRE_THROWS_WITH(r.set_alias("m", "champion", 7, ""), Catch::Contains("no version 7"));
  REQUIRE_NOTHROW(r.set_alias("m", "v2-candidate", 1, ""));
  REQUIRE_THROWS_WITH(r.create_model("a/b", ""), Catch::Contains("may not contain"));
  REQUIRE_THROWS_WITH(r.create_model("m", ""), Catch::Contains("already exists"));
  REQUIRE_THROWS_WITH(r.version_for_alias("m", "champion"), Catch::Contains("no alias 'champion'"));
  REQUIRE_THROWS_WITH(r.model("nope"), Catch::Contains("no registered model named 'nope'"));
}

TEST_CASE("stage transitions are recorded and can archive the previous Production version") {
  FixedClock clock;
  Registry r(clock);
  r.create_version("m", "run1", "", {}, "");
  r.create_version("m", "run2", "", {}, "");
  r.transition_stage("m", 1, "Production", "first release", false);
  clock.t += 5;
  r.transition_stage("m", 2, "Production", "retrained", true);
  const auto& m = r.model("m");
  REQUIRE(m.find(1)->stage == "Archived");
  REQUIRE(m.find(2)->stage == "Production");
  REQUIRE(m.history.size() == 3);
  REQUIRE(m.history[0].from == "None");
  REQUIRE(m.history[0].to == "Production");
  REQUIRE(m.history[1].subject == "1");
  REQUIRE(m.history[1].to == "Archived");
  REQUIRE(m.history[2].time_ms == clock.t);
  REQUIRE_THROWS_WITH(r.transition_stage("m", 1, "Prod", "", false), Catch::Contains("not one of None, Staging"));
}
