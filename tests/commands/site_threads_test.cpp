// The page says which build it loaded (web/index.html: lab-mt where cross-origin isolated, lab
// elsewhere); the build's own code decides how many threads a search can use
// (src/commands/site_threads.*). Runs natively, in the one-thread wasm build, and would in the
// threaded one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

#include "commands/site_threads.hpp"
#include "core/tune/worker_pool.hpp"
#include "support/session_fixture.hpp"

using labtest::SessionFixture;
using nlohmann::json;

TEST_CASE("site threads: the one-thread build says why, a build with threads says how many", "[site][threads]") {
  SessionFixture f("site_threads", 3);
  lab::PageThreads page;
  lab::register_site_threads_commands(f.d, page);
  CHECK(f.ok({{"cmd", "site.threads"}})["build"] == "");
  const std::string why = "this page is not cross-origin isolated (the host sends no COOP/COEP headers; see docs/hosting.md)";
  json r = f.ok({{"cmd", "site.page_threads"}, {"build", "lab"}, {"cores", 4}, {"reason", why}});
  CHECK(r["build"] == "lab");
  CHECK(r["cores"] == 4);
  if (lab::threads_available()) {  // natively and in the threaded wasm build
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    CHECK(r["threads"] == std::min(lab::max_threads(), cores));
    CHECK(r["reason"] == (cores > 1 ? "" : "this device reports one core"));
  } else {  // the one-thread wasm build
    CHECK(r["threads"] == 1);
    CHECK(r["reason"] == why);
    CHECK(f.ok({{"cmd", "site.page_threads"}, {"build", "lab"}, {"cores", 4}})["reason"] == "this build of the lab has no threads");
    r = f.ok({{"cmd", "site.page_threads"}, {"build", "lab"}, {"cores", 4}, {"reason", why}});
  }
  json again = f.ok({{"cmd", "site.threads"}});
  again.erase("cmd");
  again.erase("ok");
  r.erase("cmd");
  r.erase("ok");
  CHECK(again == r);
}
