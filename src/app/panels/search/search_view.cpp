#include "app/panels/search/search_view.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "app/labelled_widgets.hpp"
#include "app/plot/scatter_plot.hpp"
#include "app/widgets.hpp"
#include "core/models/learner_registry.hpp"
#include "core/tune/worker_pool.hpp"
#include "imgui.h"

namespace lab::app::search {

using nlohmann::json;

void StatusCache::refresh(AppContext& ctx, bool force) {
  const double now = ImGui::GetTime();
  if (!force && !(active() && now - read_at >= 0.25) && read_at > -1e9) return;
  json r = ctx.dispatcher.handle({{"cmd", "search.status"}, {"limit", 200}});
  if (r.value("ok", false)) st = std::move(r);
  read_at = now;
}

std::string params_text(const std::string& algo, const json& params) {
  const std::vector<ParamSpec>* specs = nullptr;
  try {
    specs = &param_specs_for(algo);
  } catch (const std::exception&) {
    // a learner this build does not know: the plain values
  }
  // "scale: 1/(features x variance)" -> "scale"
  auto rule_for_zero = [&](const std::string& name) -> std::string {
    if (!specs) return "";
    for (const ParamSpec& spec : *specs)
      if (spec.name == name) return spec.zero_means.substr(0, spec.zero_means.find(':'));
    return "";
  };
  std::string out;
  for (auto it = params.begin(); it != params.end(); ++it) {
    const std::string rule = it.value().is_number() && it.value().get<double>() == 0 ? rule_for_zero(it.key()) : "";
    std::string v = !rule.empty()                ? rule
                    : it.value().is_number_float() ? format_number(it.value().get<double>())
                    : it.value().is_string()       ? it.value().get<std::string>()
                                                   : it.value().dump();
    out += (out.empty() ? "" : ", ") + it.key() + "=" + v;
  }
  return out;
}

void draw_threads_field(int* threads) {
  if (!threads_available()) return;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  input_int("threads", threads);
  *threads = std::clamp(*threads, 1, 64);
}

void draw_status_line(const json& st) {
  const std::string state = st.value("state", "idle");
  if (state == "idle") {
    ImGui::TextDisabled("No search yet.");
  } else {
    char line[256];
    const int threads = st.value("threads", 1);
    const double budget = st.value("budget_s", 0.0);
    if (budget > 0)  // a time budget: the plan is only an upper bound
      std::snprintf(line, sizeof line, "%s: %d trials ended, %.1f of %.0f s, %d thread%s", state.c_str(),
                    st.value("trials_ended", 0), st.value("elapsed_s", 0.0), budget, threads, threads == 1 ? "" : "s");
    else
      std::snprintf(line, sizeof line, "%s: %d of %d trials ended, %.1f s, %d thread%s", state.c_str(),
                    st.value("trials_ended", 0), st.value("trials_planned", 0), st.value("elapsed_s", 0.0), threads,
                    threads == 1 ? "" : "s");
    ImGui::TextWrapped("%s", line);
  }
  if (st.contains("threads_note")) wrapped_disabled(st["threads_note"].get<std::string>());
  if (state == "failed") error_box("The search failed: " + st.value("error", std::string()));
}

bool draw_controls(AppContext& ctx, const json& st, std::string* error) {
  const std::string state = st.value("state", "idle");
  bool pressed = false;
  if (state == "running") {
    if (ImGui::Button("Pause")) pressed = true, ctx.run({{"cmd", "search.pause"}}, error);
    ImGui::SameLine();
  } else if (state == "paused") {
    if (ImGui::Button("Resume")) pressed = true, ctx.run({{"cmd", "search.resume"}}, error);
    ImGui::SameLine();
  }
  if (state == "running" || state == "paused" || state == "finishing") {
    if (ImGui::Button("Cancel")) pressed = true, ctx.run({{"cmd", "search.cancel"}}, error);
    ImGui::SameLine();
    help_marker(state == "finishing" ? "Stops the refit of the best trial; every trial stays logged."
                                     : "Stops handing out trials. Every trial that ended is kept, and the best of them is "
                                       "still logged and refit.");
  }
  return pressed;
}

void draw_leaderboard(const json& st, bool show_learner, float height) {
  const json& board = st.contains("leaderboard") ? st["leaderboard"] : json::array();
  if (board.empty()) {
    ImGui::TextDisabled("The leaderboard fills in as trials end.");
    return;
  }
  const int cols = show_learner ? 5 : 4;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  const float rows_h = ImGui::GetTextLineHeightWithSpacing() * float(std::min<size_t>(board.size(), 12) + 1) + 8;
  if (!ImGui::BeginTable("leaderboard", cols, flags, ImVec2(0, height > 0 ? height : rows_h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("rank", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 2.5f);
  if (show_learner) ImGui::TableSetupColumn("learner", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("params", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn((st.value("metric", std::string("score")) + " mean ± std").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn("fit time", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4.5f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(int(board.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const json& row = board[size_t(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d", row.value("rank", 0));
      if (show_learner) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.value("algo", std::string()).c_str());
      }
      ImGui::TableNextColumn();
      const std::string params = params_text(row.value("algo", std::string()), row["params"]);
      ImGui::TextUnformatted(params.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("trial %d, rung %d: %s", row.value("trial", 0), row.value("rung", 0), params.c_str());
      ImGui::TableNextColumn();
      if (row.value("status", "") == "finished")
        ImGui::Text("%.4f ± %.4f", row.value("mean", 0.0), row.value("std", 0.0));
      else
        ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "failed: %s", row.value("error", std::string()).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.2f s", row.value("fit_seconds", 0.0));
    }
  ImGui::EndTable();
}

void draw_score_chart(const json& st, std::string& param, float height) {
  const json& trials = st.contains("trials") ? st["trials"] : json::array();
  // The numeric parameters any ended trial has: what the x axis can be.
  std::set<std::string> numeric;
  for (const auto& t : trials)
    for (auto it = t["params"].begin(); it != t["params"].end(); ++it)
      if (it.value().is_number()) numeric.insert(it.key());
  if (!param.empty() && !numeric.count(param)) param.clear();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  if (begin_combo("x axis", param.empty() ? "trial" : param.c_str())) {
    if (ImGui::Selectable("trial", param.empty())) param.clear();
    for (const auto& name : numeric)
      if (ImGui::Selectable(name.c_str(), name == param)) param = name;
    ImGui::EndCombo();
  }
  help_marker("Each point is a trial's mean cross-validation score. Pick a parameter to see how the score moves with it.");
  std::vector<double> xs, ys;
  std::vector<std::string> labels;
  for (const auto& t : trials) {
    if (!t.contains("mean")) continue;
    const double x = param.empty() ? double(t.value("trial", 0)) : t["params"].value(param, 0.0);
    xs.push_back(x);
    ys.push_back(t["mean"].get<double>());
    labels.push_back("trial " + std::to_string(t.value("trial", 0)) + " (" + t.value("algo", std::string()) + ")");
  }
  if (xs.empty()) {
    ImGui::TextDisabled("The chart fills in as trials end.");
    return;
  }
  bool log_x = false;
  if (!param.empty()) {
    double lo = 1e300, hi = -1e300;
    for (double x : xs) lo = std::min(lo, x), hi = std::max(hi, x);
    log_x = lo > 0 && hi / lo >= 100;  // a log-scale parameter (C, learning rate) reads on a log axis
  }
  const std::string y_label = "CV " + st.value("metric", std::string("score"));
  plot::scatter_plot("scores", xs, ys, labels, param.empty() ? "trial" : param.c_str(), y_label.c_str(), log_x, height);
}

}  // namespace lab::app::search
