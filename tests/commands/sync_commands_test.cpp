// sync.* commands without a server: settings and what is stored, and how the answers a browser
// transport can get (a CORS block, a page that is not MLflow, no answer) are put in words. The
// real exchanges with MLflow are tested in tests/e2e/sync_room.test.mjs and tests/cli/sync_*.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "commands/sync/sync_settings.hpp"
#include "core/sync/basic_auth.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {

// The sync folder ("<store>-sync") of an earlier run of the test goes first: a session reads it
// when it starts.
std::string fresh_sync(const std::string& name) {
  std::filesystem::remove_all(std::filesystem::temp_directory_path() / (name + "-sync"));
  return name;
}

struct Fixture : labtest::SessionFixture {
  explicit Fixture(const char* name) : SessionFixture(fresh_sync(std::string("lab_sync_cmd_") + name), 7) {}
  // Hands the pending request the answer given; returns the request that was answered.
  json answer(int status, const std::string& body, const std::string& failure = "") {
    json rq = ok({{"cmd", "sync.next_request"}})["request"];
    REQUIRE(rq.is_object());
    ok({{"cmd", "sync.deliver"}, {"id", rq["id"]}, {"status", status}, {"body", body}, {"failure", failure}});
    return rq;
  }
  json settings_file() {
    std::ifstream f(settings_path(session.store().root()));
    return json::parse(f);
  }
};

}  // namespace

TEST_CASE("sync.configure checks the form and stores the password only with remember") {
  Fixture f("configure");
  CHECK(f.error({{"cmd", "sync.configure"}, {"url", "127.0.0.1:5000"}, {"experiment", "room"}}).find("http://") != std::string::npos);
  CHECK(f.error({{"cmd", "sync.configure"}, {"url", "http://h:5000"}, {"experiment", ""}}).find("experiment name is empty") !=
        std::string::npos);
  CHECK(f.error({{"cmd", "sync.configure"}, {"url", "http://h:5000"}, {"experiment", "r"}, {"password", "p"}}).find("without a user") !=
        std::string::npos);
  CHECK(f.error({{"cmd", "sync.run"}}).find("set the server URL") != std::string::npos);

  json r = f.ok({{"cmd", "sync.configure"}, {"url", "http://h:5000/"}, {"experiment", "room"}, {"user", "ana"}, {"password", "s3cret"}});
  CHECK(r["settings"]["url"] == "http://h:5000");
  CHECK(r["settings"]["has_password"] == true);
  CHECK_FALSE(f.settings_file().contains("password"));
  f.ok({{"cmd", "sync.configure"}, {"url", "http://h:5000"}, {"experiment", "room"}, {"user", "ana"}, {"password", "s3cret"}, {"remember", true}});
  CHECK(f.settings_file()["password"] == "s3cret");

  // The transport gets MLflow's basic-auth header and the absolute URL.
  f.ok({{"cmd", "sync.test"}});
  json rq = f.ok({{"cmd", "sync.next_request"}})["request"];
  CHECK(rq["url"] == "http://h:5000/version");
  CHECK(rq["authorization"] == "Basic " + sync::base64_encode("ana:s3cret"));
  CHECK(sync::base64_encode("ana:s3cret") == "YW5hOnMzY3JldA==");
  // One request at a time.
  CHECK(f.ok({{"cmd", "sync.next_request"}})["request"].is_null());

  // A new session on the same store (a reload) keeps the settings.
  Session again(f.session.store().root(), f.clock, 8);
  CHECK(again.sync().settings().experiment == "room");
  CHECK(again.sync().settings().password == "s3cret");
}

TEST_CASE("Test connection names a CORS block with both fixes, and a page that is not MLflow") {
  Fixture f("test");
  f.ok({{"cmd", "sync.configure"}, {"url", "http://mlflow.example:5000"}, {"experiment", "room"}});
  f.ok({{"cmd", "sync.test"}});
  f.answer(0, "", "cors");
  json c = f.ok({{"cmd", "sync.status"}})["connection"];
  CHECK(c["state"] == "failed");
  CHECK(c["kind"] == "cors");
  const std::string m = c["message"];
  CHECK(m.find("CORS") != std::string::npos);
  CHECK(m.find("--cors-allowed-origins") != std::string::npos);
  CHECK(m.find("--tracking-server") != std::string::npos);

  // The lab's own server without --tracking-server answers its index page.
  f.ok({{"cmd", "sync.test"}});
  f.answer(200, "<!doctype html><title>lab</title>");
  f.answer(200, "<!doctype html><title>lab</title>");
  c = f.ok({{"cmd", "sync.status"}})["connection"];
  CHECK(c["kind"] == "not_mlflow");
  CHECK(c["message"].get<std::string>().find("--tracking-server") != std::string::npos);

  // MLflow without the experiment yet: fine, the first sync creates it.
  f.ok({{"cmd", "sync.test"}});
  f.answer(200, "2.12.2");
  f.answer(404, R"({"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "no such experiment"})");
  c = f.ok({{"cmd", "sync.status"}})["connection"];
  CHECK(c["state"] == "ok");
  CHECK(c["version"] == "2.12.2");
  CHECK(c["message"].get<std::string>().find("first sync creates it") != std::string::npos);
}

TEST_CASE("sync.run waits and retries while the server is down; nothing local changes") {
  Fixture f("down");
  f.ok({{"cmd", "data.generate"}, {"dataset", "iris"}, {"seed", 1}});
  f.ok({{"cmd", "train.run"}, {"algo", "knn"}, {"seed", 1}, {"run_name", "a"}});
  f.ok({{"cmd", "sync.configure"}, {"url", "http://127.0.0.1:9"}, {"experiment", "room"}});
  CHECK(f.ok({{"cmd", "sync.run"}})["queued_now"] == 1);
  f.answer(0, "", "unreachable");
  json s = f.ok({{"cmd", "sync.status"}});
  CHECK(s["state"] == "waiting");
  CHECK(s["error_kind"] == "unreachable");
  CHECK(s["counts"]["pending"] == 1);
  CHECK(s["runs"][0]["state"] == "pending");
  // Backing off: no request until the clock moves on; then the same request again.
  CHECK(f.ok({{"cmd", "sync.next_request"}})["request"].is_null());
  f.clock.t += 1000;
  json rq = f.ok({{"cmd", "sync.next_request"}})["request"];
  CHECK(rq["url"].get<std::string>().find("experiments/search") != std::string::npos);
  CHECK(rq["body"].get<std::string>().find("name = 'room'") != std::string::npos);
  CHECK(f.ok({{"cmd", "runs.list"}})["runs"].size() == 1);
}

TEST_CASE("a request that must not go out twice names the files a resume reads, to make lasting first") {
  Fixture f("durable");
  f.ok({{"cmd", "data.generate"}, {"dataset", "iris"}, {"seed", 1}});
  f.ok({{"cmd", "train.run"}, {"algo", "knn"}, {"seed", 1}, {"run_name", "a"}});
  f.ok({{"cmd", "sync.configure"}, {"url", "http://127.0.0.1:9"}, {"experiment", "room"}});
  f.ok({{"cmd", "sync.run"}});
  json lookup = f.answer(200, R"({"experiments":[{"experiment_id":"3","lifecycle_stage":"active"}]})");
  CHECK_FALSE(lookup["durable_first"].get<bool>());  // a read: nothing to keep first
  json create = f.ok({{"cmd", "sync.next_request"}})["request"];
  REQUIRE(create["url"].get<std::string>().find("runs/create") != std::string::npos);
  CHECK(create["durable_first"].get<bool>());
  // The browser writes just these files to IndexedDB before sending (platform/web/storage_sync):
  // the settings that name this target (a reload that lost them would resume another outbox, or
  // none) and the outbox journal, already holding the "creating" step.
  const auto paths = create["durable_paths"].get<std::vector<std::string>>();
  REQUIRE(paths.size() == 2);
  CHECK(paths[0] == settings_path(f.session.store().root()).string());
  CHECK(f.settings_file()["experiment"] == "room");
  std::ifstream in(paths[1]);
  REQUIRE(in);
  const std::string journal((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(journal.find("\"creating\"") != std::string::npos);
}

TEST_CASE("the room says in words when its experiment is missing or only deleted on the server") {
  Fixture f("room_lookup");
  f.ok({{"cmd", "sync.configure"}, {"url", "http://127.0.0.1:9"}, {"experiment", "room"}});
  f.ok({{"cmd", "room.leaderboard"}});
  json asked = f.answer(200, "{}");  // MLflow's answer to a search that finds nothing
  CHECK(asked["url"].get<std::string>().find("experiments/search") != std::string::npos);
  json none = f.ok({{"cmd", "room.leaderboard"}});
  CHECK(none["state"] == "failed");
  CHECK(none["error"].get<std::string>().find("there is no experiment named") != std::string::npos);

  f.ok({{"cmd", "room.leaderboard"}, {"refresh", true}});
  f.answer(200, R"({"experiments":[{"experiment_id":"5","lifecycle_stage":"deleted"}]})");
  json gone = f.ok({{"cmd", "room.leaderboard"}});
  CHECK(gone["state"] == "failed");
  CHECK(gone["error"].get<std::string>().find("is deleted on the server") != std::string::npos);
  CHECK(gone["error"].get<std::string>().find("restore it there or choose another experiment") != std::string::npos);
}

TEST_CASE("the sync's own writes name their files and leave the whole-store flush alone") {
  Fixture f("sync_writes");
  f.ok({{"cmd", "data.generate"}, {"dataset", "iris"}, {"seed", 1}});
  f.ok({{"cmd", "train.run"}, {"algo", "knn"}, {"seed", 1}, {"run_name", "a"}});
  // In the browser the first callback schedules a walk of every stored file; the second saves
  // only the sync's settings and outbox (platform/web/storage_sync).
  int store_writes = 0, sync_writes = 0;
  f.session.set_on_store_write([&] { ++store_writes; });
  f.session.set_on_sync_write([&] { ++sync_writes; });
  f.ok({{"cmd", "sync.configure"}, {"url", "http://127.0.0.1:9"}, {"experiment", "room"}});
  f.ok({{"cmd", "sync.run"}});
  f.answer(200, R"({"experiments":[{"experiment_id":"3","lifecycle_stage":"active"}]})");
  f.answer(200, R"({"run":{"info":{"run_id":"r1","experiment_id":"3","lifecycle_stage":"active","artifact_uri":"mlflow-artifacts:/3/r1/artifacts"}}})");
  CHECK(sync_writes >= 2);  // the settings, the "creating" step and the created run's id
  CHECK(store_writes == 0);
  const auto files = f.session.sync().files_written();
  REQUIRE(files.size() == 2);
  CHECK(files[0] == settings_path(f.session.store().root()).string());
  CHECK(std::filesystem::exists(files[1]));
  CHECK(files[1].find("-sync") != std::string::npos);
}

TEST_CASE("the tab's transport gets two runs out at once, and a 401 on one holds both lanes") {
  Fixture f("lanes");
  f.ok({{"cmd", "data.generate"}, {"dataset", "iris"}, {"seed", 1}});
  f.ok({{"cmd", "train.run"}, {"algo", "knn"}, {"seed", 1}, {"run_name", "a"}});
  f.ok({{"cmd", "train.run"}, {"algo", "knn"}, {"seed", 2}, {"run_name", "b"}});
  f.ok({{"cmd", "sync.configure"}, {"url", "http://127.0.0.1:9"}, {"experiment", "room"}});
  CHECK(f.ok({{"cmd", "sync.run"}})["queued_now"] == 2);
  // Until the experiment is known, one request: a client looks it up once.
  json lookup = f.ok({{"cmd", "sync.next_request"}})["request"];
  CHECK(lookup["url"].get<std::string>().find("experiments/search") != std::string::npos);
  CHECK(f.ok({{"cmd", "sync.next_request"}})["request"].is_null());
  f.ok({{"cmd", "sync.deliver"}, {"id", lookup["id"]}, {"status", 200},
        {"body", R"({"experiments":[{"experiment_id":"3","lifecycle_stage":"active"}]})"}});
  // Then both runs are created at once, each its own run; a third ask has nothing more.
  json first = f.ok({{"cmd", "sync.next_request"}})["request"];
  json second = f.ok({{"cmd", "sync.next_request"}})["request"];
  REQUIRE(first.is_object());
  REQUIRE(second.is_object());
  CHECK(first["url"].get<std::string>().find("runs/create") != std::string::npos);
  CHECK(second["url"].get<std::string>().find("runs/create") != std::string::npos);
  CHECK(json::parse(first["body"].get<std::string>())["run_name"] != json::parse(second["body"].get<std::string>())["run_name"]);
  CHECK(f.ok({{"cmd", "sync.next_request"}})["request"].is_null());
  // Test connection still goes out beside them.
  f.ok({{"cmd", "sync.test"}});
  CHECK(f.ok({{"cmd", "sync.next_request"}})["request"]["url"] == "http://127.0.0.1:9/version");
  // The server refuses the credentials: the sync stops with the reason, and the other lane's
  // answer (a 401 too) changes nothing; nothing more goes out until the participant acts.
  const std::string refused = R"({"error_code":"UNAUTHENTICATED","message":"You are not authenticated."})";
  f.ok({{"cmd", "sync.deliver"}, {"id", first["id"]}, {"status", 401}, {"body", refused}});
  CHECK(f.ok({{"cmd", "sync.next_request"}})["request"].is_null());
  f.ok({{"cmd", "sync.deliver"}, {"id", second["id"]}, {"status", 401}, {"body", refused}});
  json s = f.ok({{"cmd", "sync.status"}});
  CHECK(s["state"] == "stopped");
  CHECK(s["counts"]["pending"] == 2);
  CHECK(f.ok({{"cmd", "sync.next_request"}})["request"].is_null());
}
