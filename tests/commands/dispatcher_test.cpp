#include <catch2/catch.hpp>
#include <filesystem>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

namespace {
struct Fixture : labtest::SessionFixture {
  explicit Fixture(const char* name) : SessionFixture(std::string("lab_disp_") + name, 99) {}
};
}  // namespace

TEST_CASE("bad commands get clear JSON errors, never a crash") {
  Fixture f("errors");
  json r = json::parse(f.d.handle_text("{not json"));
  REQUIRE(r["ok"] == false);
  REQUIRE(r["error"].get<std::string>().find("not valid JSON") != std::string::npos);

  r = f.d.handle({{"cmd", "fly"}});
  REQUIRE(r["ok"] == false);
  REQUIRE(r["error"].get<std::string>().find("unknown command 'fly'") != std::string::npos);

  r = f.d.handle({{"cmd", "data.generate"}, {"rows", -5}});
  REQUIRE(r["ok"] == false);
  REQUIRE(r["error"].get<std::string>().find("'rows' must be a positive number") != std::string::npos);

  r = f.d.handle({{"cmd", "data.generate"}, {"rows", "many"}});
  REQUIRE(r["error"].get<std::string>().find("must be a whole number, got \"many\"") != std::string::npos);

  r = f.d.handle(json::array({1, 2}));
  REQUIRE(r["ok"] == false);
  r = f.d.handle({{"nocmd", 1}});
  REQUIRE(r["error"].get<std::string>().find("missing \"cmd\"") != std::string::npos);

  r = f.d.handle({{"cmd", "train.start"}});
  REQUIRE(r["error"].get<std::string>().find("no dataset yet") != std::string::npos);

  f.d.handle({{"cmd", "data.generate"}, {"rows", 500}});
  r = f.d.handle({{"cmd", "train.start"}, {"params", {{"C", -1}}}});
  REQUIRE(r["error"].get<std::string>().find("'C' must be between") != std::string::npos);
  REQUIRE(f.d.handle({{"cmd", "runs.list"}})["runs"].empty());  // a rejected request writes nothing
  REQUIRE(json::parse(f.d.handle_text("\"\\ud800\""))["ok"] == false);
}

TEST_CASE("the slice end to end through commands: generate, train step by step, list runs") {
  Fixture f("slice");
  json g = f.d.handle({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 7}});
  REQUIRE(g["ok"] == true);
  REQUIRE(g["rows"] == 2000);
  REQUIRE(g["hash"].get<std::string>().size() == 64);

  json s = f.d.handle({{"cmd", "train.start"}, {"run_name", "my-first-run"}});
  REQUIRE(s["state"] == "running");
  int frames = 0;
  while (f.d.handle({{"cmd", "train.status"}})["state"] == "running") {
    f.d.handle({{"cmd", "train.step"}, {"max_steps", 1}});
    ++frames;
  }
  json st = f.d.handle({{"cmd", "train.status"}});
  REQUIRE(st["state"] == "done");
  REQUIRE(frames >= 3);  // the curve really was built one step at a time
  REQUIRE(st["train_loss"].size() == size_t(frames));
  REQUIRE(st["metrics"]["roc_auc"].get<double>() > 0.8);

  json runs = f.d.handle({{"cmd", "runs.list"}})["runs"];
  REQUIRE(runs.size() == 1);
  REQUIRE(runs[0]["run_name"] == "my-first-run");
  REQUIRE(runs[0]["status"] == "FINISHED");
  REQUIRE(runs[0]["tags"]["lab.dataset.hash"] == g["hash"]);
  REQUIRE(runs[0]["metrics"]["roc_auc"] == st["metrics"]["roc_auc"]);
  json full = f.d.handle({{"cmd", "runs.get"}, {"run_id", runs[0]["run_id"]}});
  REQUIRE(full["history"]["train_loss"].size() == size_t(frames));
}

TEST_CASE("cancel keeps the run, marked KILLED") {
  Fixture f("cancel");
  f.d.handle({{"cmd", "data.generate"}, {"rows", 1000}});
  f.d.handle({{"cmd", "train.start"}});
  f.d.handle({{"cmd", "train.step"}});
  json c = f.d.handle({{"cmd", "train.cancel"}});
  REQUIRE(c["state"] == "cancelled");
  REQUIRE(f.d.handle({{"cmd", "runs.list"}})["runs"][0]["status"] == "KILLED");
  REQUIRE(f.d.handle({{"cmd", "train.cancel"}})["ok"] == false);
}
