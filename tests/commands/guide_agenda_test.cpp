// The facilitator's view (guide.agenda) and "prepare the room" (guide.prepare) on a real session:
// planned against elapsed time per part from the guide's own clock, a pace that turns "behind"
// when time passes without steps done, the answers given, and parts pre-run step by step.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/session_fixture.hpp"

using labtest::SessionFixture;
using nlohmann::json;

namespace {
std::string fresh(const std::string& name) {
  std::filesystem::remove_all(std::filesystem::temp_directory_path() / (name + "-guide"));
  return name;
}
// Lets `minutes` pass on the guide's clock, seen in ticks under its two-minute gap limit.
void spend(SessionFixture& f, int minutes) {
  for (int i = 0; i < minutes; ++i) {
    f.clock.t += 60000;
    f.ok({{"cmd", "guide.agenda"}});
  }
}
}  // namespace

TEST_CASE("guide agenda: planned vs elapsed per part, the pace, the answers", "[guide][agenda]") {
  SessionFixture f(fresh("guide_agenda"), 5);
  f.ok({{"cmd", "guide.start"}, {"track", "iris"}});
  json a = f.ok({{"cmd", "guide.agenda"}});
  CHECK(a["track"] == "iris");
  CHECK(a["planned_min"] == 45);
  REQUIRE(a["parts"].size() == 6);
  CHECK(a["parts"][0]["planned_min"] == 5);
  CHECK(a["parts"][2]["steps"] == 3);
  CHECK(a["parts"][2]["first_step"] == 3);
  CHECK(a["pace"]["state"] == "not started");

  spend(f, 12);  // twelve minutes on the first step, which is planned at five
  a = f.ok({{"cmd", "guide.agenda"}});
  CHECK(a["parts"][0]["elapsed_ms"] == 12 * 60000);
  CHECK(a["pace"]["state"] == "behind");
  CHECK(a["pace"]["says"] == "behind by 12 min");
  f.ok({{"cmd", "guide.do_step"}, {"step", 1}});
  a = f.ok({{"cmd", "guide.agenda"}});
  CHECK(a["parts"][0]["steps_done"] == 1);
  CHECK(a["pace"]["says"] == "behind by 7 min");  // the part's five planned minutes are done

  // A knowledge check answered in this browser shows with its verdict.
  f.ok({{"cmd", "guide.do_step"}, {"step", 2}});
  json q = a["parts"][1]["quiz"][0];
  CHECK(q["answered"] == false);
  f.ok({{"cmd", "guide.answer"}, {"question", q["question"]}, {"choice", 1}});
  a = f.ok({{"cmd", "guide.agenda"}});
  json answered = a["parts"][1]["quiz"][0];
  CHECK(answered["answered"] == true);
  CHECK(answered["given"].get<std::string>().size() > 0);
  CHECK(answered["correct"].is_boolean());

  // Another track by id, not the active one.
  json loan = f.ok({{"cmd", "guide.agenda"}, {"track", "loan"}});
  CHECK(loan["track"] == "loan");
  CHECK(loan["pace"]["state"] == "not started");
  CHECK(f.error({{"cmd", "guide.agenda"}, {"track", "nope"}}).find("no track 'nope'") != std::string::npos);
}

TEST_CASE("guide prepare: chosen parts are pre-run step by step, each check passing", "[guide][agenda]") {
  SessionFixture f(fresh("guide_prepare"), 6);
  f.ok({{"cmd", "guide.start"}, {"track", "iris"}});
  CHECK(f.error({{"cmd", "guide.prepare"}, {"parts", json::array({9})}}).find("has parts 1 to 6") != std::string::npos);
  CHECK(f.error({{"cmd", "guide.prepare"}}).find("field 'parts' is required") != std::string::npos);
  CHECK(f.error({{"cmd", "guide.prepare"}, {"parts", "3"}}).find("list of part numbers") != std::string::npos);

  json r = f.ok({{"cmd", "guide.prepare"}, {"parts", json::array({1, 2, 3})}});
  REQUIRE(r["prepared"].size() == 5);
  for (const auto& s : r["prepared"]) CHECK(s["ok"] == true);
  const json& parts = r["agenda"]["parts"];
  CHECK(parts[0]["steps_done"] == 1);
  CHECK(parts[2]["steps_done"] == 3);
  CHECK(parts[3]["steps_done"] == 0);
  // Real state: the runs the steps made are in the store.
  CHECK(f.ok({{"cmd", "runs.list"}})["runs"].size() >= 1);
  // Done steps are not run again.
  CHECK(f.ok({{"cmd", "guide.prepare"}, {"parts", json::array({3})}})["prepared"].size() == 0);
}
