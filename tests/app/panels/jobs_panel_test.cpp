// The Jobs module drawn headless: before any endpoint, with one retraining job run through the
// frames as the tab runs it (train.frame and jobs.frame each frame) until it waits for approval,
// approved by its button, and with a long history, at the sizes participants use; its widgets
// are found by label as the browser tests find them.
#include <filesystem>

#include "app/headless_ui.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

namespace {

void deploy(HeadlessUi& ui) {
  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 3}});
  std::string run = ui.ok({{"cmd", "train.run"}, {"algo", "hist_gbdt"}, {"params", {{"n_estimators", 40}}}})["run_id"];
  ui.ok({{"cmd", "registry.register"}, {"model", "loan"}, {"run_id", run}});
  ui.ok({{"cmd", "registry.set_alias"}, {"model", "loan"}, {"alias", "champion"}, {"version", 1}});
  ui.ok({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan"}});
}

std::vector<json> items(HeadlessUi& ui, const std::string& text) {
  json r = ui.ok({{"cmd", "ui.items"}, {"text", text}});
  std::vector<json> out;
  for (const auto& i : r["items"])
    if (i.value("visible", false)) out.push_back(i);
  return out;
}

// Clicks a visible widget by its label, as the browser tests do (ImGui sees a press and release).
void click(HeadlessUi& ui, const std::string& text, float w, float h) {
  auto found = items(ui, text);
  INFO("clicking " << text);
  REQUIRE(!found.empty());
  const json rect = found.front()["rect"];
  const ImVec2 at(rect["x"].get<float>() + rect["w"].get<float>() / 2, rect["y"].get<float>() + rect["h"].get<float>() / 2);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = at;
  ui.frame(w, h);
  io.MouseDown[0] = true;
  ui.frame(w, h);
  io.MouseDown[0] = false;
  ui.frame(w, h);
  io.MousePos = ImVec2(-1, -1);
}

// A frame as the tab runs it: training's share, then the jobs', then drawing.
void tab_frame(HeadlessUi& ui, float w, float h) {
  ui.ok({{"cmd", "train.frame"}});
  ui.ok({{"cmd", "jobs.frame"}});
  ui.frame(w, h);
}

void draw_sizes(HeadlessUi& ui) {
  REQUIRE(ui.shell.select_by_title("Jobs"));
  for (auto [w, h] : {std::pair{800.f, 600.f}, std::pair{1280.f, 720.f}, std::pair{1920.f, 1080.f}}) {
    INFO("Jobs at " << w << "x" << h);
    for (int i = 0; i < 3; ++i) REQUIRE_NOTHROW(ui.frame(w, h));
    REQUIRE(ui.ctx.draw_error.empty());
  }
}

}  // namespace

TEST_CASE("Jobs asks for a deployment, then runs a retraining job frame by frame to approval", "[app][ui][jobs]") {
  // Its jobs folder from an earlier run goes first (fresh_store clears the store's other siblings).
  std::filesystem::remove_all(std::filesystem::temp_directory_path() / "lab_app_jobs-jobs");
  HeadlessUi ui("lab_app_jobs", 9);
  draw_sizes(ui);
  CHECK(items(ui, "Create job").empty());

  deploy(ui);
  ui.ok({{"cmd", "monitor.simulate"}, {"endpoint", "loan-api"}, {"scenario", "concept_drift"}, {"days", 14}, {"requests", 2800},
         {"seed", 11}, {"drift_day", 4}, {"ramp_days", 1}});
  draw_sizes(ui);
  ui.frame(1920, 1080);
  REQUIRE(!items(ui, "Create job").empty());
  CHECK(!items(ui, "starts").empty());
  CHECK(!items(ui, "rule").empty());  // an alert rule is the default trigger
  // By hand, this time.
  ui.ok({{"cmd", "jobs.create"}, {"kind", "retrain"}, {"endpoint", "loan-api"}});
  ui.frame(1920, 1080);
  click(ui, "Run now", 1920, 1080);
  // The retraining goes through the paced training run: many frames, none doing it all.
  int frames = 0;
  for (; frames < 2000; ++frames) {
    tab_frame(ui, 1920, 1080);
    json h = ui.ok({{"cmd", "jobs.history"}});
    if (h["runs"][0]["status"] != "running" && h["runs"][0]["status"] != "queued") break;
  }
  INFO("frames " << frames);
  CHECK(frames > 10);
  json run = ui.ok({{"cmd", "jobs.get"}, {"run", "job-1#1"}})["run"];
  REQUIRE(run["status"] == "waiting");
  draw_sizes(ui);
  ui.frame(1920, 1080);
  click(ui, "Approve", 1920, 1080);
  run = ui.ok({{"cmd", "jobs.get"}, {"run", "job-1#1"}})["run"];
  CHECK(run["status"] == "done");
  CHECK(ui.ok({{"cmd", "registry.get"}, {"model", "loan"}})["aliases"]["champion"] == 2);
  ui.frame(1920, 1080);
  CHECK(items(ui, "Approve").empty());

  // A long history: 40 more runs of a commands job, each with a log.
  ui.ok({{"cmd", "jobs.create"}, {"kind", "commands"}, {"name", "Read the windows"},
         {"commands", {{{"cmd", "monitor.windows"}, {"endpoint", "loan-api"}}, {{"cmd", "monitor.alerts"}, {"endpoint", "loan-api"}}}}});
  for (int i = 0; i < 40; ++i) ui.ok({{"cmd", "jobs.run"}, {"job", "job-2"}, {"wait", true}});
  CHECK(ui.ok({{"cmd", "jobs.history"}})["runs"].size() == 41);
  draw_sizes(ui);
}
