// The Explain module drawn headless: before any run, then a small churn GBDT and a large loan
// logistic regression, at the sizes participants use; a what-if change made through the panel's
// own widgets state moves the answer; its widgets are found by label as the browser tests find them.
#include "app/headless_ui.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

namespace {

json item(HeadlessUi& ui, const std::string& text) {
  json r = ui.ok({{"cmd", "ui.items"}, {"text", text}});
  for (const auto& i : r["items"])
    if (i.value("text", "") == text) return i;
  return json();
}

void draw_sizes(HeadlessUi& ui) {
  REQUIRE(ui.shell.select_by_title("Explain"));
  for (const auto& s : labtest::ui_window_sizes()) {
    INFO("Explain at " << s.w << "x" << s.h);
    for (int i = 0; i < 3; ++i) REQUIRE_NOTHROW(ui.frame(s.w, s.h));
    REQUIRE(ui.ctx.draw_error.empty());
    // The what-if editor and the waterfall sit side by side from 800 px wide on.
    CHECK_FALSE(item(ui, "held-out row").is_null());
  }
}

}  // namespace

TEST_CASE("Explain asks for a run first, then explains a small churn GBDT and a large loan model", "[app][ui][explain]") {
  HeadlessUi ui("lab_app_explain", 11);
  REQUIRE(ui.shell.select_by_title("Explain"));
  for (int i = 0; i < 2; ++i) ui.frame(800, 600);
  CHECK(item(ui, "held-out row").is_null());  // nothing to explain yet

  ui.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 600}, {"seed", 4}});
  ui.ok({{"cmd", "train.run"}, {"algo", "hist_gbdt"}, {"params", {{"n_estimators", 20}}}});
  draw_sizes(ui);
  // Every input of the churn data has its what-if widget, labelled with the column's name.
  for (const char* field : {"InternetService", "tenure", "Contract"}) {
    INFO(field);
    const json it = item(ui, field);
    REQUIRE_FALSE(it.is_null());
    CHECK(it.value("visible", false));
  }
  CHECK_FALSE(item(ui, "Which features matter").is_null());

  // The large case: 20,000 loan rows through logistic regression, every size again.
  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 20000}, {"seed", 5}});
  const std::string loan_run = ui.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}})["run_id"];
  draw_sizes(ui);
  const json state = ui.ok({{"cmd", "ui.explain"}});
  CHECK(state["run_id"] == loan_run);  // the run just trained is the one shown
  CHECK(state["error"] == "");
  CHECK(state["method"] == "linear");
}

TEST_CASE("Explain's what-if: a changed field moves the answer; a bad row keeps the last explanation", "[app][ui][explain]") {
  HeadlessUi ui("lab_app_explain_whatif", 12);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 800}, {"seed", 4}});
  const std::string run = ui.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}})["run_id"];
  REQUIRE(ui.shell.select_by_title("Explain"));
  for (int i = 0; i < 2; ++i) ui.frame(1280, 720);
  json state = ui.ok({{"cmd", "ui.explain"}});
  CHECK(state["run_id"] == run);
  CHECK(state["method"] == "linear");
  // The waterfall adds up: average answer + every effect = the answer shown.
  double sum = state["base"].get<double>();
  for (const auto& e : state["effects"]) sum += e["step"].get<double>();
  CHECK(sum == Approx(state["output"].get<double>()).margin(1e-9));

  // An out-of-range row: the error is shown, the last explanation stays on screen.
  const double before = state["output"];
  ui.ok({{"cmd", "ui.explain"}, {"row", 100000}});
  for (int i = 0; i < 2; ++i) ui.frame(1280, 720);
  state = ui.ok({{"cmd", "ui.explain"}});
  CHECK(state["error"].get<std::string>().find("row") != std::string::npos);
  CHECK(state["output"] == before);
  CHECK_FALSE(item(ui, "held-out row").is_null());
}

TEST_CASE("Explain's Compare with LIME button, pressed with the mouse, shows LIME beside the exact waterfall",
          "[app][ui][explain][lime]") {
  HeadlessUi ui("lab_app_explain_lime", 13);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 600}, {"seed", 4}});
  ui.ok({{"cmd", "train.run"}, {"algo", "hist_gbdt"}, {"params", {{"n_estimators", 20}}}});
  REQUIRE(ui.shell.select_by_title("Explain"));
  for (int i = 0; i < 3; ++i) ui.frame(1920, 1080);
  CHECK_FALSE(ui.ok({{"cmd", "ui.explain"}}).contains("lime"));
  REQUIRE(ui.click("Compare with LIME", 1920, 1080, "panel"));
  const json state = ui.ok({{"cmd", "ui.explain"}});
  REQUIRE(state.contains("lime"));
  CHECK(state["lime"]["method"] == "lime");
  CHECK(state["lime"]["features"].size() == 10);
  CHECK(state["method"] == "shap");  // the exact waterfall stays
  // The button now offers to run it again; LIME's bars are drawn at every size.
  CHECK_FALSE(item(ui, "Compare with LIME again").is_null());
  for (const auto& s : labtest::ui_window_sizes()) {
    for (int i = 0; i < 2; ++i) REQUIRE_NOTHROW(ui.frame(s.w, s.h));
    REQUIRE(ui.ctx.draw_error.empty());
  }
}

TEST_CASE("Explain: SVM, k-nearest neighbours and naive Bayes get LIME's waterfall and a working what-if",
          "[app][ui][explain][lime]") {
  HeadlessUi ui("lab_app_explain_other_models", 14);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 600}, {"seed", 4}});
  for (const char* algo : {"svm", "knn", "gaussian_nb"}) {
    INFO(algo);
    const std::string run = ui.ok({{"cmd", "train.run"}, {"algo", algo}})["run_id"];
    REQUIRE(ui.shell.select_by_title("Explain"));
    for (int i = 0; i < 3; ++i) ui.frame(1280, 720);
    json state = ui.ok({{"cmd", "ui.explain"}});
    CHECK(state["run_id"] == run);
    CHECK(state["error"] == "");
    CHECK(state["method"] == "lime");
    double sum = state["base"].get<double>();
    for (const auto& e : state["effects"]) sum += e["step"].get<double>();
    CHECK(sum == Approx(state["output"].get<double>()).margin(1e-9));
    // No "Compare with LIME" when the waterfall is LIME's own.
    CHECK(item(ui, "Compare with LIME").is_null());
    draw_sizes(ui);
  }
}

TEST_CASE("Explain's partial dependence tab: a chart for the chosen feature, picked from the dropdown",
          "[app][ui][explain][pdp]") {
  HeadlessUi ui("lab_app_explain_pdp", 15);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 800}, {"seed", 4}});
  ui.ok({{"cmd", "train.run"}, {"algo", "hist_gbdt"}, {"params", {{"n_estimators", 20}}}});
  REQUIRE(ui.shell.select_by_title("Explain"));
  for (int i = 0; i < 3; ++i) ui.frame(1280, 720);
  REQUIRE(ui.click("Partial dependence", 1280, 720, "panel"));
  json state = ui.ok({{"cmd", "ui.explain"}});
  REQUIRE(state.contains("pdp"));
  const std::string first = state["pdp"]["feature"];
  CHECK(state["pdp"]["average"].size() >= 2);
  // Another feature from the dropdown: a category this time (or a number, when the first was one).
  const std::string next = first == "InternetService" ? "tenure" : "InternetService";
  REQUIRE(ui.click("feature", 1280, 720, "panel"));
  REQUIRE(ui.click(next, 1280, 720, "Combo"));
  state = ui.ok({{"cmd", "ui.explain"}});
  REQUIRE(state.contains("pdp"));
  CHECK(state["pdp"]["feature"] == next);
  CHECK(state["pdp"]["kind"] == (next == "tenure" ? "number" : "category"));
  for (const auto& s : labtest::ui_window_sizes()) {
    for (int i = 0; i < 2; ++i) REQUIRE_NOTHROW(ui.frame(s.w, s.h));
    REQUIRE(ui.ctx.draw_error.empty());
    CHECK(item(ui, "feature").value("visible", false));
  }
}
