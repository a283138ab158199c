#include "app/panels/automl_panel.hpp"

#include <algorithm>
#include <cstdio>

#include "app/labelled_widgets.hpp"
#include "app/panels/search/automl_outcome.hpp"
#include "app/widgets.hpp"
#include "core/tune/tune_metric.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

namespace {

ImVec4 check_color(CheckStatus s) {
  return s == CheckStatus::Fail ? ImVec4(1, 0.45f, 0.4f, 1) : ImVec4(0.95f, 0.75f, 0.3f, 1);
}

}  // namespace

void AutomlPanel::draw_setup(AppContext& ctx, bool busy) {
  // The data checks first: AutoML cannot fix a target that leaks or a column that is mostly empty.
  section_title("Data checks");
  size_t shown = 0;
  for (const auto& q : ctx.session.quality()) {
    if (q.status == CheckStatus::Pass) continue;
    ++shown;
    wrapped_colored(check_color(q.status), std::string(to_string(q.status)) + ": " + q.message);
  }
  if (shown == 0) wrapped_disabled("Every data check passes on " + ctx.session.dataset()->name + ".");

  section_title("Search");
  const std::vector<std::string> metrics = tune_metric_names(target_task(ctx));
  metric_index_ = std::clamp(metric_index_, 0, int(metrics.size()) - 1);
  ImGui::BeginDisabled(busy);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (begin_combo("target metric", metrics[size_t(metric_index_)].c_str())) {
    for (size_t i = 0; i < metrics.size(); ++i)
      if (ImGui::Selectable(metrics[i].c_str(), int(i) == metric_index_)) metric_index_ = int(i);
    ImGui::EndCombo();
  }
  help_marker("What the leaderboard ranks by: each candidate's mean over the cross-validation folds.");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  input_int("time budget (s)", &seconds_);
  seconds_ = std::clamp(seconds_, 1, 3600);
  search::draw_threads_field(&threads_);
  ImGui::EndDisabled();
  if (!busy && ImGui::Button("Start AutoML")) {
    ctx.run({{"cmd", "automl.start"}, {"metric", metrics[size_t(metric_index_)]}, {"budget_s", seconds_}, {"threads", threads_}},
            &error_);
    register_message_.clear();
    status_.refresh(ctx, true);
  }
  if (!busy) {
    ImGui::SameLine();
    help_marker("A baseline first, then every learner for this target with a few settings each; weak ones drop out early "
                "(successive halving) so the time goes to the strong ones.");
  }
}

void AutomlPanel::attach(AppContext& ctx) {
  ctx.dispatcher.add("ui.automl", "test hook: the AutoML module's messages as drawn -> {error, recipe_error, recipe_message, recipe_outcome_in_view, register_message}",
                     [this](const json&) {
                       return json{{"error", error_}, {"recipe_error", recipe_.error()},
                                   {"recipe_message", recipe_.message()}, {"recipe_outcome_in_view", recipe_.outcome_in_view()},
                                   {"register_message", register_message_}};
                     });
}

void AutomlPanel::draw_outcome(AppContext& ctx, const json& reply) {
  section_title("Winner");
  search::draw_winner(reply);
  const std::string refit = reply.value("refit_run_id", std::string());
  if (!refit.empty() && reply.value("refit_state", "") == "done" && !reply.contains("registered")) {
    if (model_[0] == 0) std::snprintf(model_, sizeof model_, "%s", (ctx.session.dataset()->name + "-model").c_str());
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    input_text_with_hint("model name", "e.g. loan-approval", model_, sizeof model_);
    ImGui::SameLine();
    if (ImGui::Button("Register as challenger")) {
      register_message_.clear();
      const json r = ctx.run({{"cmd", "registry.register"}, {"model", std::string(model_)}, {"run_id", refit}}, &error_);
      if (r.value("ok", false)) {
        const int version = r.value("version", 0);
        ctx.run({{"cmd", "registry.set_alias"}, {"model", std::string(model_)}, {"alias", "challenger"}, {"version", version}},
                &error_);
        register_message_ = std::string(model_) + " version " + std::to_string(version) + " is the challenger now (see Registry).";
      }
    }
    if (!register_message_.empty()) wrapped_colored(ImVec4(0.6f, 0.85f, 0.6f, 1), register_message_);
  }
  section_title("Feature importance");
  search::draw_importance(reply);
  section_title("AutoML vs your best run");
  search::draw_versus_manual(reply);
  if (reply.contains("recipe")) {
    section_title("Recipe");
    wrapped_disabled("The winner's run as the lab's own commands: change a parameter and Replay, or Download it for "
                     "`lab run recipe.json`.");
    recipe_.show(reply["recipe"]);
    recipe_.draw(ctx, ImGui::GetFontSize() * 16);
  }
}

void AutomlPanel::draw(AppContext& ctx) {
  if (!ctx.session.dataset()) {
    ImGui::TextWrapped("Generate a dataset in the Data module first; then come back here to let AutoML search it.");
    return;
  }
  status_.refresh(ctx, false);
  const json& st = status_.st;
  const bool busy = status_.active();
  const bool mine = status_.kind() == "automl";
  error_box(error_);
  if (busy && !mine) wrapped_disabled("A tune is running; AutoML can start when it ends (see Tune).");
  ImGui::BeginChild("automl", ImVec2(0, 0));
  draw_setup(ctx, busy);
  if (mine) {
    search::draw_status_line(st);
    if (search::draw_controls(ctx, st, &error_, status_.just_started())) status_.refresh(ctx, true);
    section_title("Leaderboard");
    search::draw_leaderboard(st, true, 0);
    section_title("Score per trial");
    search::draw_score_chart(st, chart_param_, ImGui::GetFontSize() * 12);
    if (st.contains("reply")) draw_outcome(ctx, st["reply"]);
  } else if (!busy) {
    search::draw_status_line(st);
  }
  ImGui::EndChild();
}

}  // namespace lab::app
