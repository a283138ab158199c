// The Tune and AutoML modules drawn headless: before any data, then a churn SVM tune over kernel
// and max_iter started, paused, resumed and run to the end by their own buttons while the frames
// run as the tab runs them (search.frame, train.frame, draw), an AutoML search on the loan data,
// and both again on large data, at the sizes participants use.
#include <chrono>
#include <thread>

#include "app/headless_ui.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

namespace {

json item_by_label(HeadlessUi& ui, const std::string& label) {
  const json r = ui.ok({{"cmd", "ui.items"}});
  for (const auto& i : r["items"])
    if ((i.value("label", "") == label || i.value("text", "") == label) && i.value("visible", false)) return i;
  return json();
}

void click_label(HeadlessUi& ui, const std::string& label, float w = 1280, float h = 720) {
  const json it = item_by_label(ui, label);
  INFO("clicking " << label);
  REQUIRE_FALSE(it.is_null());
  const json& r = it["rect"];
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(r["x"].get<float>() + r["w"].get<float>() / 2, r["y"].get<float>() + r["h"].get<float>() / 2);
  ui.frame(w, h);
  io.MouseDown[0] = true;
  ui.frame(w, h);
  io.MouseDown[0] = false;
  ui.frame(w, h);
  io.MousePos = ImVec2(-1, -1);
}

// A frame as the tab runs it: training's share, the search's, then drawing.
json tab_frame(HeadlessUi& ui, float w = 1280, float h = 720) {
  ui.ok({{"cmd", "train.frame"}});
  json r = ui.ok({{"cmd", "search.frame"}});
  ui.frame(w, h);
  return r;
}

json settle(HeadlessUi& ui) {
  for (int i = 0; i < 100000; ++i) {
    const json r = tab_frame(ui);
    if (r["state"] != "running" && r["state"] != "finishing") return ui.ok({{"cmd", "search.status"}});
    if (r["units"] == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  FAIL("the search did not end");
  return json();
}

void draw_sizes(HeadlessUi& ui, const char* module) {
  REQUIRE(ui.shell.select_by_title(module));
  for (const auto& s : labtest::ui_window_sizes()) {
    INFO(module << " at " << s.w << "x" << s.h);
    for (int i = 0; i < 3; ++i) REQUIRE_NOTHROW(ui.frame(s.w, s.h));
    REQUIRE(ui.ctx.draw_error.empty());
  }
}

}  // namespace

TEST_CASE("Tune: an SVM over kernel and max_iter on churn, by its buttons; large data draws too", "[app][ui][tune]") {
  HeadlessUi ui("lab_app_tune", 31);
  draw_sizes(ui, "Tune");
  CHECK(item_by_label(ui, "Start search").is_null());  // no data yet

  ui.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 400}, {"seed", 4}});
  draw_sizes(ui, "Tune");
  ui.frame(1280, 720);
  // The churn workshop's exercise: SVM, searching kernel and max_iter.
  REQUIRE(ui.ok({{"cmd", "ui.items"}, {"text", "learner"}})["items"].size() > 0);
  const json combo = item_by_label(ui, "learner");
  REQUIRE_FALSE(combo.is_null());
  click_label(ui, "learner");
  click_label(ui, "Support vector machine");
  click_label(ui, "##search max_iter");
  ui.frame(1280, 720);
  REQUIRE_FALSE(item_by_label(ui, "min##max_iter").is_null());
  click_label(ui, "Start search");
  json st = ui.ok({{"cmd", "search.status"}});
  INFO(st.dump().substr(0, 600));
  REQUIRE(st["kind"] == "tune");
  REQUIRE(st["state"] == "running");
  for (int i = 0; i < 3; ++i) tab_frame(ui);
  if (ui.ok({{"cmd", "search.status"}})["state"] == "running") {
    click_label(ui, "Pause");
    REQUIRE(ui.ok({{"cmd", "search.status"}})["state"] == "paused");
    draw_sizes(ui, "Tune");
    click_label(ui, "Resume");
  }
  st = settle(ui);
  REQUIRE(st["state"] == "done");
  REQUIRE(st["leaderboard"].size() == 20);
  REQUIRE(st["leaderboard"][0]["params"].contains("kernel"));
  REQUIRE(st["leaderboard"][0]["params"].contains("max_iter"));
  draw_sizes(ui, "Tune");
  CHECK_FALSE(item_by_label(ui, "x axis").is_null());

  // Large: 20,000 loan rows, a short logistic regression tune, drawn while it runs and after.
  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 20000}, {"seed", 5}});
  ui.ok({{"cmd", "tune.start"}, {"algo", "logistic_regression"}, {"trials", 3}, {"cv", 3}});
  draw_sizes(ui, "Tune");
  REQUIRE(settle(ui)["state"] == "done");
  draw_sizes(ui, "Tune");
  draw_sizes(ui, "Runs");  // the parents fold their trials
}

TEST_CASE("AutoML: data checks, a search on loan, the winner registered as challenger, the recipe replayed",
          "[app][ui][automl]") {
  HeadlessUi ui("lab_app_automl", 32);
  draw_sizes(ui, "AutoML");
  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 600}, {"seed", 4}});
  ui.ok({{"cmd", "train.run"}, {"algo", "decision_tree"}, {"seed", 42}});
  draw_sizes(ui, "AutoML");
  REQUIRE_FALSE(item_by_label(ui, "Data checks").is_null());
  ui.ok({{"cmd", "automl.start"}, {"budget_s", 20}, {"cv", 3}, {"candidates_per_learner", 2}});
  draw_sizes(ui, "AutoML");
  const json st = settle(ui);
  REQUIRE(st["state"] == "done");
  REQUIRE(st["reply"]["versus_manual"].contains("manual"));
  draw_sizes(ui, "AutoML");
  // A tall window puts the whole outcome on screen for the clicks.
  ui.frame(1920, 4000);
  ui.frame(1920, 4000);
  click_label(ui, "Register as challenger", 1920, 4000);
  const json model = ui.ok({{"cmd", "registry.get"}, {"model", "loan-model"}});
  REQUIRE(model["aliases"].contains("challenger"));
  // The recipe replays in the tab: its training is paced like any run.
  ui.frame(1920, 4000);
  REQUIRE_FALSE(item_by_label(ui, "recipe").is_null());
  click_label(ui, "Replay", 1920, 4000);
  for (int i = 0; i < 100000 && ui.session.training().state == lab::TrainState::Running; ++i) tab_frame(ui, 1920, 4000);
  REQUIRE(ui.session.training().state == lab::TrainState::Done);
  const std::string metric = st["metric"];
  REQUIRE(ui.session.training().result);
  double replayed = -1;
  for (const auto& [name, value] : ui.session.training().result->metrics)
    if (name == metric) replayed = value;
  REQUIRE(replayed == st["reply"]["test_metrics"][metric].get<double>());  // bit for bit
}
