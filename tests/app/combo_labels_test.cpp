// Every dropdown and number field a participant uses is known to the test hook by its label, so
// browser tests open it by label (tests/e2e/ui.mjs) like any button. ImGui 1.86's BeginCombo and
// stepped InputInt do not report their label themselves; panels draw them through
// app/labelled_widgets.hpp, and this test fails for one drawn with the bare ImGui call.
#include "app/headless_ui.hpp"

using labtest::HeadlessUi;
using nlohmann::json;

namespace {

json find_labelled(HeadlessUi& ui, const std::string& label) {
  const json reply = ui.dispatcher.handle({{"cmd", "ui.items"}, {"text", label}});
  for (const json& item : reply["items"])
    if (item["label"] == label) return item;
  return nullptr;
}

}  // namespace

TEST_CASE("dropdowns and stepped number fields are found by their label in every module", "[app][ui]") {
  HeadlessUi ui("lab_app_combo_labels", 5);
  ui.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2000}, {"seed", 1}});
  ui.ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}, {"run_name", "first"}});
  ui.ok({{"cmd", "train.run"}, {"algo", "gaussian_nb"}, {"run_name", "second"}});

  struct Expected {
    const char* module;
    std::vector<const char*> dropdowns;
  };
  const std::vector<Expected> expected{{"Data", {"dataset", "target column", "task"}},
                                       {"Explore", {"feature", "x", "y"}},
                                       {"Evaluate", {"run", "compare with", "metric"}}};
  for (const Expected& e : expected) {
    REQUIRE(ui.shell.select_by_title(e.module));
    for (int i = 0; i < 6; ++i) ui.frame(1920, 1600);  // tall: every section of the module is drawn
    for (const char* label : e.dropdowns) {
      INFO("the " << e.module << " module's dropdown \"" << label << "\"");
      json item = find_labelled(ui, label);
      REQUIRE(item.is_object());
      CHECK(item["openable"] == true);
    }
  }
}
