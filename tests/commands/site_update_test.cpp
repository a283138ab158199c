// The site's update offer (src/commands/site_update.*): the page reports versions, the lab offers
// to reload, and a reload is refused while a run trains (it would cut the run) and allowed after.
#include <catch2/catch.hpp>

#include "commands/site_update.hpp"
#include "support/session_fixture.hpp"

using labtest::SessionFixture;
using nlohmann::json;

TEST_CASE("site: an update is offered, refused mid-training, applied once the run is done", "[site]") {
  SessionFixture f("site_update", 3);
  lab::SiteState st;
  int applied = 0;
  lab::register_site_commands(f.d, f.session, st, [&applied] { ++applied; });

  json s = f.ok({{"cmd", "site.page_state"}, {"version", "aaaa"}, {"offline_ready", true}});
  CHECK(s["offline_ready"] == true);
  CHECK(s["update_available"] == false);
  CHECK(f.error({{"cmd", "site.reload"}}).find("no new version") != std::string::npos);

  // The same version reported as "waiting" is no update.
  CHECK(f.ok({{"cmd", "site.update_available"}, {"version", "aaaa"}})["update_available"] == false);
  s = f.ok({{"cmd", "site.update_available"}, {"version", "bbbb"}});
  CHECK(s["update_available"] == true);
  CHECK(s["can_reload"] == true);

  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 5}});
  f.ok({{"cmd", "train.start"}, {"algo", "logistic_regression"}, {"seed", 1}});
  CHECK(f.ok({{"cmd", "site.status"}})["can_reload"] == false);
  std::string refused = f.error({{"cmd", "site.reload"}});
  CHECK(refused.find("a run is training") != std::string::npos);
  CHECK(refused.find("your runs are kept") != std::string::npos);
  CHECK(applied == 0);

  f.session.runner().run_to_end();
  REQUIRE(f.ok({{"cmd", "train.status"}})["state"] == "done");
  json r = f.ok({{"cmd", "site.reload"}});
  CHECK(r["version"] == "bbbb");
  CHECK(applied == 1);

  // After the reload the page reports the new version: the offer is gone.
  CHECK(f.ok({{"cmd", "site.page_state"}, {"version", "bbbb"}, {"offline_ready", true}})["update_available"] == false);
}

TEST_CASE("site: a front end that cannot reload says so", "[site]") {
  SessionFixture f("site_update_none", 3);
  lab::SiteState st;
  lab::register_site_commands(f.d, f.session, st, nullptr);
  f.ok({{"cmd", "site.update_available"}, {"version", "cccc"}});
  CHECK(f.error({{"cmd", "site.reload"}}).find("restart it to update") != std::string::npos);
}
