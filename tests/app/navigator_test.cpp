// Deep links through the real Shell (src/app/navigator.*): nav.open goes to the module, the run
// or the guide step a link names; nav.poll reports each move once so the platform can push it
// into the address bar; a link to a run this browser lacks says so and leaves the lab in place.
#include "app/headless_ui.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

TEST_CASE("nav: links open modules, runs and guide steps; moves are reported once", "[app][nav]") {
  HeadlessUi ui("lab_app_nav", 4);
  // The first poll replaces the address bar's entry with where the lab opened.
  json p = ui.ok({{"cmd", "nav.poll"}});
  CHECK(p["mode"] == "replace");
  CHECK(p["route"] == "#/data");
  CHECK(ui.ok({{"cmd", "nav.poll"}})["mode"] == "none");

  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 1500}, {"seed", 2}});
  std::string first = ui.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}, {"run_name", "a"}})["run_id"];
  ui.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}, {"run_name", "b"}});

  // A click on a module (here: selecting it as the nav does) is a new place: pushed.
  REQUIRE(ui.shell.select_by_title("train"));
  ui.frame(1280, 720);
  p = ui.ok({{"cmd", "nav.poll"}});
  CHECK(p["mode"] == "push");
  CHECK(p["route"] == "#/train");

  // A run link: Runs, with that one run selected, and that is where the lab now is.
  json opened = ui.ok({{"cmd", "nav.open"}, {"route", "#/runs/" + first}});
  CHECK(opened["route"] == "#/runs/" + first);
  CHECK(std::string(ui.shell.selected_title()) == "Runs");
  CHECK(ui.ok({{"cmd", "ui.runs"}})["selected"] == 1);
  ui.frame(1280, 720);
  CHECK(ui.ok({{"cmd", "nav.poll"}})["mode"] == "none");  // opened from the address bar: nothing to push

  // Selecting every run is no single place: the link falls back to the module.
  ui.ok({{"cmd", "ui.runs"}, {"select", "all"}});
  p = ui.ok({{"cmd", "nav.poll"}});
  CHECK(p["route"] == "#/runs");

  // A guide step: the track starts at that step and its module is shown.
  opened = ui.ok({{"cmd", "nav.open"}, {"route", "#/guide/loan/3"}});
  CHECK(opened["guide"] == "#/guide/loan/3");
  json st = ui.ok({{"cmd", "guide.status"}});
  CHECK(st["active"] == "loan");
  CHECK(st["step"]["n"] == 3);
  std::string module = st["step"]["module"];
  CHECK(ui.ok({{"cmd", "nav.where"}})["module"] == module);
  ui.frame(1280, 720);
  CHECK(ui.ok({{"cmd", "nav.poll"}})["mode"] == "none");
  ui.ok({{"cmd", "guide.go"}, {"step", 4}});
  p = ui.ok({{"cmd", "nav.poll"}});
  CHECK(p["mode"] == "push");
  CHECK(p["route"] == "#/guide/loan/4");
}

TEST_CASE("nav: a link the lab cannot open says why and changes nothing", "[app][nav]") {
  HeadlessUi ui("lab_app_nav_bad", 4);
  REQUIRE(ui.shell.select_by_title("train"));
  json r = ui.dispatcher.handle({{"cmd", "nav.open"}, {"route", "#/runs/00ff00ff00ff"}});
  REQUIRE(r["ok"] == false);
  std::string e = r["error"];
  CHECK(e.find("00ff00ff00ff") != std::string::npos);
  CHECK(e.find("does not hold") != std::string::npos);
  CHECK(std::string(ui.shell.selected_title()) == "Train");
  CHECK(ui.ok({{"cmd", "nav.where"}})["problem"] == e);
  ui.frame(1280, 720);  // the problem is drawn above the module
  CHECK(ui.dispatcher.handle({{"cmd", "ui.items"}, {"text", "Dismiss"}})["items"].size() == 1);

  r = ui.dispatcher.handle({{"cmd", "nav.open"}, {"route", "#/nowhere"}});
  REQUIRE(r["ok"] == false);
  CHECK(r["error"].get<std::string>().find("data, explore, train") != std::string::npos);
  r = ui.dispatcher.handle({{"cmd", "nav.open"}, {"route", "#/guide/no-such-track/2"}});
  REQUIRE(r["ok"] == false);
  CHECK(std::string(ui.shell.selected_title()) == "Train");
}
