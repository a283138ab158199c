// "Download as notebook" in the Runs module's run details: drawn at every size, clicked as a
// participant clicks it; the platform's download (here a stand-in for the browser's ui.download
// that keeps the file) receives one tar with the notebook, the script and the data file.
#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/headless_ui.hpp"
#include "io/tar_archive.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

TEST_CASE("Runs: Download as notebook hands the run's notebook, script and data to the download", "[app][runs][notebook]") {
  HeadlessUi ui("runs_notebook_ui", 4);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 600}, {"seed", 2}});
  const std::string id = ui.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}, {"run_name", "loan lr"}})["run_id"];
  // The browser's ui.download saves a file of the lab's file system; this one keeps its bytes.
  std::string downloaded, downloaded_name;
  ui.dispatcher.add("ui.download", "test stand-in for the browser's download", [&](const json& a) {
    std::ifstream in(a["path"].get<std::string>(), std::ios::binary);
    downloaded.assign(std::istreambuf_iterator<char>(in), {});
    downloaded_name = a["filename"];
    return json{{"bytes", downloaded.size()}};
  });
  REQUIRE(ui.shell.select_by_title("Runs"));
  for (const auto& s : labtest::ui_window_sizes()) {
    INFO("Runs at " << s.w << "x" << s.h);
    for (int i = 0; i < 3; ++i) REQUIRE_NOTHROW(ui.frame(s.w, s.h));
    REQUIRE(ui.ctx.draw_error.empty());
  }
  REQUIRE(ui.click("Download as notebook", 1920, 1080));
  const json view = ui.ok({{"cmd", "ui.runs"}});
  INFO(view.dump());
  REQUIRE(view["panel_error"] == "");
  REQUIRE(view["panel_message"].get<std::string>().find("loan-lr-" + id.substr(0, 8) + ".ipynb") != std::string::npos);
  REQUIRE(downloaded_name == "loan-lr-" + id.substr(0, 8) + ".tar");
  const auto entries = lab::tar::read(downloaded);
  REQUIRE(entries.size() == 4);
  REQUIRE(json::parse(entries[1].content)["nbformat"] == 4);
  REQUIRE(entries[2].content.find("LogisticRegression(") != std::string::npos);
  REQUIRE(entries[3].content.rfind("age,", 0) == 0);  // the data file starts with the loan columns
}
