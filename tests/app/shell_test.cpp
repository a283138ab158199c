// Every module drawn through the real Shell, headless, at three window sizes, with each workshop
// dataset at several sizes and at each step of the workshop (generate, train, register, deploy).
#include <chrono>

#include <algorithm>

#include "app/headless_ui.hpp"
#include "imgui_internal.h"

using labtest::draw_every_module;
using labtest::HeadlessUi;
using nlohmann::json;

namespace {

struct Workshop {
  const char* dataset;
  const char* model;  // registered model and endpoint name
};
const Workshop kWorkshops[] = {{"loan", "loan-approval"}, {"churn", "churn"}, {"production_hours", "production-hours"}};

// The workshop's steps after generating: train, register, alias, deploy; every module drawn after each.
void walk_the_workshop(HeadlessUi& ui, const Workshop& w, const std::string& at, const std::string& algo) {
  json run = ui.ok({{"cmd", "train.run"}, {"algo", algo}, {"run_name", "first"}});
  draw_every_module(ui, at + ", trained");
  ui.ok({{"cmd", "registry.register"}, {"model", w.model}, {"run_id", run["run_id"]}});
  ui.ok({{"cmd", "registry.set_alias"}, {"model", w.model}, {"alias", "champion"}, {"version", 1}});
  draw_every_module(ui, at + ", registered");
  ui.ok({{"cmd", "serve.deploy"}, {"endpoint", std::string(w.model) + "-api"}, {"model", w.model}});
  draw_every_module(ui, at + ", deployed");
}

}  // namespace

TEST_CASE("every module draws with no data yet", "[app][ui]") {
  HeadlessUi ui("lab_app_empty", 1);
  draw_every_module(ui, "no dataset");
  // The probe saw the navigation: one labelled entry per module.
  json nav = ui.dispatcher.handle({{"cmd", "ui.items"}, {"window", "nav"}})["items"];
  REQUIRE(nav.size() == ui.modules().size());
}

TEST_CASE("every module draws through the loan, churn and production-hours workshops at 5,000 rows", "[app][ui]") {
  for (const Workshop& w : kWorkshops) {
    HeadlessUi ui(std::string("lab_app_") + w.dataset, 7);
    std::string at = std::string(w.dataset) + " at 5000 rows";
    ui.ok({{"cmd", "data.generate"}, {"dataset", w.dataset}, {"rows", 5000}, {"seed", 1}});
    draw_every_module(ui, at + ", generated");
    walk_the_workshop(ui, w, at, std::string(w.dataset) == "production_hours" ? "ridge_regression" : "logistic_regression");
  }
}

TEST_CASE("every module draws with iris (multi-class)", "[app][ui]") {
  HeadlessUi ui("lab_app_iris", 3);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "iris"}});
  draw_every_module(ui, "iris, loaded");
  walk_the_workshop(ui, Workshop{"iris", "iris"}, "iris", "logistic_regression");
}

TEST_CASE("every module draws at 50,000 and 200,000 rows", "[app][ui][large]") {
  for (int64_t rows : {50000, 200000}) {
    for (const Workshop& w : kWorkshops) {
      HeadlessUi ui(std::string("lab_app_large_") + w.dataset, 11);
      std::string at = std::string(w.dataset) + " at " + std::to_string(rows) + " rows";
      ui.ok({{"cmd", "data.generate"}, {"dataset", w.dataset}, {"rows", rows}, {"seed", 2}});
      // One window size for the large sets: the sizes are covered above, the row count here.
      draw_every_module(ui, at + ", generated", {{1280, 720}});
      json run = ui.ok({{"cmd", "train.run"}, {"algo", std::string(w.dataset) == "production_hours" ? "ridge_regression" : "gaussian_nb"}});
      ui.ok({{"cmd", "registry.register"}, {"model", w.model}, {"run_id", run["run_id"]}});
      ui.ok({{"cmd", "registry.set_alias"}, {"model", w.model}, {"alias", "champion"}, {"version", 1}});
      ui.ok({{"cmd", "serve.deploy"}, {"endpoint", std::string(w.model) + "-api"}, {"model", w.model}});
      draw_every_module(ui, at + ", deployed", {{1280, 720}});
    }
  }
}

TEST_CASE("Evaluate draws a 100-class run: the largest classes plus other, and every class per row", "[app][ui]") {
  // ImGui 1.86 tables stop at 64 columns: a 100 x 100 confusion table failed its assert here.
  HeadlessUi ui("lab_app_100_classes", 5);
  std::string csv = "a,b,species\n";
  for (int i = 0; i < 2000; ++i) {
    const int cls = (i * 7 + i / 100) % 100;
    csv += std::to_string(cls) + "." + std::to_string(i % 10) + "," + std::to_string((cls * 13) % 17) + ",sp" +
           std::to_string(cls) + "\n";
  }
  ui.ok({{"cmd", "data.import_csv"}, {"text", csv}, {"target", "species"}});
  json run = ui.ok({{"cmd", "train.run"}, {"algo", "decision_tree"}, {"params", {{"max_depth", 6}}}});
  REQUIRE(run["task"] == "multiclass");
  REQUIRE(ui.shell.select_by_title("Evaluate"));
  for (const auto& s : labtest::ui_window_sizes()) {
    INFO("Evaluate at " << s.w << "x" << s.h);
    for (int i = 0; i < 3; ++i) REQUIRE_NOTHROW(ui.frame(s.w, s.h));
    REQUIRE(ui.ctx.draw_error.empty());
  }
  // What was drawn (ImGui keeps each table's column names): a 16-column matrix whose last column
  // is "other", and the per-class table.
  std::vector<std::string> last_columns;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (int n = 0; n < g.Tables.GetMapSize(); ++n)
    if (ImGuiTable* t = g.Tables.TryGetMapData(n))
      if (t->LastFrameActive == g.FrameCount) last_columns.push_back(ImGui::TableGetColumnName(t, t->ColumnsCount - 1));
  CHECK(std::count(last_columns.begin(), last_columns.end(), "other (85)") == 1);
  CHECK(std::count(last_columns.begin(), last_columns.end(), "most often mistaken for") == 1);
  draw_every_module(ui, "a 100-class run");
}

TEST_CASE("the UI font draws every character a Windows-1252 file can hold", "[app][ui]") {
  HeadlessUi ui("lab_app_glyphs", 1);
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  // Windows-1252's 0x80..0x9F block (minus its five holes) and Latin-1: what imported text is read as.
  const ImWchar cp1252_high[] = {0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
                                 0x0160, 0x2039, 0x0152, 0x017D, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x017E, 0x0178};
  for (ImWchar c : cp1252_high) {
    INFO("U+" << std::hex << unsigned(c));
    CHECK(font->FindGlyphNoFallback(c) != nullptr);
  }
  for (ImWchar c = 0xA0; c <= 0xFF; ++c) CHECK(font->FindGlyphNoFallback(c) != nullptr);
  // And a frame with such text draws: a dataset whose names and values carry them.
  std::string csv = "Pre\xC3\xA7o \xE2\x82\xAC,\xE2\x80\x9C" "Qualit\xC3\xA9\xE2\x80\x9D,\xC5\x81\xC3\xB3" "d\xC5\xBA\n";
  for (int i = 0; i < 40; ++i)
    csv += std::to_string(i) + ",\xE2\x80\x93" + std::to_string(i % 3) + "\xE2\x80\xA6," + (i % 2 ? "tak" : "nie") + "\n";
  ui.ok({{"cmd", "data.import_csv"}, {"text", csv}});
  draw_every_module(ui, "Windows-1252 characters");
}
