#include "app/panels/tune_panel.hpp"

#include <algorithm>

#include "app/labelled_widgets.hpp"
#include "app/widgets.hpp"
#include "core/models/learner_registry.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

namespace {

constexpr const char* kStrategies[] = {"grid", "random", "halving"};

bool supports(const LearnerInfo& info, Task task) {
  return std::find(info.tasks.begin(), info.tasks.end(), task) != info.tasks.end();
}

}  // namespace

json TunePanel::start_command() const {
  json cmd = {{"cmd", "tune.start"}, {"algo", space_.algo()}, {"space", space_.narrowing()},
              {"strategy", kStrategies[strategy_]}, {"cv", cv_}, {"threads", threads_}};
  if (budget_kind_ == 0) cmd["trials"] = trials_;
  else cmd["budget_s"] = seconds_, cmd["trials"] = 0;
  if (strategy_ == 2 && budget_kind_ == 1) cmd["trials"] = trials_;  // halving needs its first rung's candidates
  return cmd;
}

void TunePanel::draw_form(AppContext& ctx, bool busy) {
  const auto& all = learners();
  const Task task = target_task(ctx);
  if (algo_index_ < 0 || !supports(all[size_t(algo_index_)], task))
    for (size_t i = 0; i < all.size(); ++i)
      if (supports(all[i], task)) {
        algo_index_ = int(i);
        space_.reset(all[i].algo);
        break;
      }
  ImGui::BeginDisabled(busy);
  section_title("What to search");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (begin_combo("learner", all[size_t(algo_index_)].label.c_str(), ImGuiComboFlags_HeightLargest)) {  // every learner in view
    for (size_t i = 0; i < all.size(); ++i) {
      ImGui::BeginDisabled(!supports(all[i], task));
      if (ImGui::Selectable(all[i].label.c_str(), int(i) == algo_index_)) {
        algo_index_ = int(i);
        space_.reset(all[i].algo);
      }
      ImGui::EndDisabled();
    }
    ImGui::EndCombo();
  }
  help_marker(all[size_t(algo_index_)].help.c_str());
  space_.draw();
  section_title("How");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (begin_combo("strategy", kStrategies[strategy_])) {
    for (int i = 0; i < 3; ++i)
      if (ImGui::Selectable(kStrategies[i], i == strategy_)) strategy_ = i;
    ImGui::EndCombo();
  }
  help_marker("grid: every combination of a few values per range. random: seeded random draws. halving: many "
              "candidates on a little data, the best third go on with three times as much (scikit-learn's "
              "HalvingRandomSearchCV).");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  input_int("CV folds", &cv_);
  cv_ = std::clamp(cv_, 2, 20);
  help_marker("Each trial is trained k times, each time holding out one fold of the training rows; the test rows are "
              "never touched until the best trial is refit.");
  ImGui::RadioButton("budget in trials", &budget_kind_, 0);
  ImGui::SameLine();
  ImGui::RadioButton("budget in seconds", &budget_kind_, 1);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  if (budget_kind_ == 0 || strategy_ == 2) input_int("trials", &trials_);
  trials_ = std::clamp(trials_, 1, 10000);
  if (budget_kind_ == 1) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    input_int("seconds", &seconds_);
    seconds_ = std::clamp(seconds_, 1, 3600);
  }
  search::draw_threads_field(&threads_);
  ImGui::EndDisabled();
  ImGui::Spacing();
  if (!busy && ImGui::Button("Start search")) {
    ctx.run(start_command(), &error_);
    status_.refresh(ctx, true);
  }
}

void TunePanel::draw_results(AppContext& ctx) {
  const json& st = status_.st;
  section_title("Search");
  search::draw_status_line(st);
  if (search::draw_controls(ctx, st, &error_, status_.just_started())) status_.refresh(ctx, true);
  if (st.contains("reply")) {
    const json& reply = st["reply"];
    if (reply.contains("test_metrics")) {
      std::string line = "Best trial refit on all training rows; on the test rows:";
      for (auto it = reply["test_metrics"].begin(); it != reply["test_metrics"].end(); ++it)
        line += " " + it.key() + " " + format_number(it.value().get<double>());
      ImGui::TextWrapped("%s", line.c_str());
    }
    if (reply.contains("note")) wrapped_disabled(reply["note"].get<std::string>());
  }
  section_title("Leaderboard");
  search::draw_leaderboard(st, false, 0);
  section_title("Score per trial");
  search::draw_score_chart(st, chart_param_, std::max(ImGui::GetFontSize() * 12, ImGui::GetContentRegionAvail().y - 8));
}

void TunePanel::draw(AppContext& ctx) {
  if (!ctx.session.dataset()) {
    ImGui::TextWrapped("Generate a dataset in the Data module first; then come back here to tune a learner on it.");
    return;
  }
  status_.refresh(ctx, false);
  const bool busy = status_.active();
  const bool other = busy && status_.kind() != "tune";
  error_box(error_);
  if (other) wrapped_disabled("An AutoML search is running; it has the lab's search until it ends (see AutoML).");
  const bool stacked = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 52;
  const float form_w = std::max(ImGui::GetFontSize() * 28, ImGui::GetContentRegionAvail().x * 0.42f);
  if (!stacked) ImGui::BeginChild("tune-form", ImVec2(form_w, 0));
  draw_form(ctx, busy);
  if (stacked) {
    if (status_.kind() == "tune" || status_.kind().empty()) draw_results(ctx);
    return;
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("tune-results", ImVec2(0, 0));
  if (status_.kind() == "tune" || status_.kind().empty()) draw_results(ctx);
  ImGui::EndChild();
}

}  // namespace lab::app
