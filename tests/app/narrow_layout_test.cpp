// Narrow windows (a laptop at 800x600, the lab beside a guide at 960 px): no labelled widget of a
// module runs past the right edge of the area it is drawn in, so nothing a participant has to
// click or read is cut off, and no text field is too narrow for its placeholder. Horizontally
// scrolling tables (the runs table) are exempt: their columns are meant to scroll.
#include "app/headless_ui.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

namespace {

// Items of the last frame inside the module's panel that stick out on the right.
std::vector<std::string> cut_on_the_right(HeadlessUi& ui) {
  json items = ui.dispatcher.handle({{"cmd", "ui.items"}, {"window", "panel"}})["items"];
  std::vector<std::string> cut;
  for (const auto& it : items) {
    if (!it.value("visible", false)) continue;
    const std::string window = it["window"];
    if (window.find("runs_") != std::string::npos) continue;  // the runs table scrolls sideways
    const json& r = it["css"];
    const json& clip = it["clip_css"];
    const double right = r["x"].get<double>() + r["w"].get<double>();
    const double clip_right = clip["x"].get<double>() + clip["w"].get<double>();
    // A text field narrower than its placeholder shows a cut sentence ("where you will unpack it,
    // for mlf"): as cut off as a widget past the edge.
    if (!it.value("hint_fits", true))
      cut.push_back("the placeholder '" + it["hint"].get<std::string>() + "' of a " + std::to_string(int(r["w"].get<double>())) +
                    " px field in " + window);
    if (right > clip_right + 1)
      cut.push_back("'" + it["text"].get<std::string>() + "' in " + window + " ends at " + std::to_string(int(right)) +
                    ", its window at " + std::to_string(int(clip_right)));
  }
  return cut;
}

}  // namespace

TEST_CASE("at 800 and 960 px wide no module's widget is cut off on the right", "[app][ui][layout]") {
  HeadlessUi ui("lab_app_narrow", 5);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 1}});
  json a = ui.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}, {"run_name", "logistic"}});
  json b = ui.ok({{"cmd", "train.run"}, {"algo", "decision_tree"}, {"run_name", "tree"}});
  ui.ok({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", a["run_id"]}});
  ui.ok({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", b["run_id"]}});
  ui.ok({{"cmd", "registry.set_alias"}, {"model", "loan-approval"}, {"alias", "champion"}, {"version", 1}});
  ui.ok({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan-approval"}});
  for (const labtest::WindowSize s : {labtest::WindowSize{800, 600}, labtest::WindowSize{960, 1000}}) {
    for (const std::string& module : ui.modules()) {
      REQUIRE(ui.shell.select_by_title(module));
      for (int i = 0; i < 3; ++i) ui.frame(s.w, s.h);
      INFO("the " << module << " module at " << s.w << "x" << s.h);
      std::vector<std::string> cut = cut_on_the_right(ui);
      std::string all;
      for (const auto& c : cut) all += "\n  " + c;
      INFO("cut off:" << all);
      CHECK(cut.empty());
    }
  }
}
