#include "app/panels/search/search_view.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
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
  const bool was_active = active();
  if (r.value("ok", false)) st = std::move(r);
  if (active() && !was_active) active_since = now;
  read_at = now;
}

bool StatusCache::just_started() const {
  const double kDoubleClickSeconds = 0.6;  // longer than the usual 0.5 s double-click interval
  return ImGui::GetTime() - active_since < kDoubleClickSeconds;
}

std::string params_text(const std::string& algo, const json& params, const std::set<std::string>* shown) {
  const std::vector<ParamSpec>* specs = nullptr;
  try {
    specs = &param_specs_for(algo);
  } catch (const std::exception&) {
    // a learner this build does not know: the plain values
  }
  auto spec_of = [&](const std::string& name) -> const ParamSpec* {
    if (specs)
      for (const ParamSpec& spec : *specs)
        if (spec.name == name) return &spec;
    return nullptr;
  };
  std::string out;
  for (auto it = params.begin(); it != params.end(); ++it) {
    if (shown && !shown->count(it.key())) continue;
    const ParamSpec* spec = spec_of(it.key());
    if (spec && !param_applies(*spec, params)) continue;  // gamma of a linear kernel: no effect
    // "scale: 1/(features x variance)" -> "scale"
    const std::string rule = spec && it.value().is_number() && it.value().get<double>() == 0
                                 ? spec->zero_means.substr(0, spec->zero_means.find(':'))
                                 : "";
    std::string v = !rule.empty()                ? rule
                    : it.value().is_number_float() ? format_number(it.value().get<double>())
                    : it.value().is_string()       ? it.value().get<std::string>()
                                                   : it.value().dump();
    out += (out.empty() ? "" : ", ") + it.key() + "=" + v;
  }
  return out;
}

std::map<std::string, std::set<std::string>> varying_params(const json& trials) {
  std::map<std::string, std::map<std::string, std::set<std::string>>> values;  // algo -> param -> values
  std::map<std::string, int> rows;
  for (const json& row : trials) {
    if (!row.contains("params") || !row["params"].is_object()) continue;
    const std::string algo = row.value("algo", std::string());
    ++rows[algo];
    for (auto it = row["params"].begin(); it != row["params"].end(); ++it) values[algo][it.key()].insert(it.value().dump());
  }
  std::map<std::string, std::set<std::string>> out;
  for (const auto& [algo, params] : values)
    for (const auto& [name, seen] : params)
      if (rows[algo] < 2 || seen.size() > 1) out[algo].insert(name);
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

bool draw_controls(AppContext& ctx, const json& st, std::string* error, bool just_started) {
  const std::string state = st.value("state", "idle");
  bool pressed = false;
  ImGui::BeginDisabled(just_started);
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
  ImGui::EndDisabled();
  return pressed;
}

void draw_leaderboard(const json& st, bool show_learner, float height) {
  const json& board = st.contains("leaderboard") ? st["leaderboard"] : json::array();
  if (board.empty()) {
    ImGui::TextDisabled("The leaderboard fills in as trials end.");
    return;
  }
  // A row shows what the trials varied: a value every trial shares (gamma=scale) is said once.
  // Judged on every ended trial, not only the rows sent (the best 200).
  const json& ended = st.contains("trials") && !st["trials"].empty() ? st["trials"] : board;
  const auto varying = varying_params(ended);
  if (ended.size() > board.size())
    wrapped_disabled("The best " + std::to_string(board.size()) + " of " + std::to_string(ended.size()) + " trials.");
  if (!show_learner && board[0].contains("params")) {
    const std::string algo = board[0].value("algo", std::string());
    std::set<std::string> fixed;
    for (auto it = board[0]["params"].begin(); it != board[0]["params"].end(); ++it)
      if (varying.count(algo) && !varying.at(algo).count(it.key())) fixed.insert(it.key());
    const std::string same = params_text(algo, board[0]["params"], &fixed);
    if (!same.empty()) wrapped_disabled("The same in every trial: " + same + ".");
  } else if (show_learner) {
    wrapped_disabled("Rows show the parameters each learner's search varied; hover a row for all of them.");
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
  // Every row (search.status sends at most 200): a row's params wrap to the column, so rows differ
  // in height and a list clipper, which assumes one height, would misplace them.
  for (const json& row : board) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%d", row.value("rank", 0));
    if (show_learner) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.value("algo", std::string()).c_str());
    }
    ImGui::TableNextColumn();
    const std::string algo = row.value("algo", std::string());
    const auto shown = varying.find(algo);
    const std::string params = params_text(algo, row["params"], shown == varying.end() ? nullptr : &shown->second);
    ImGui::TextWrapped("%s", params.empty() ? "(defaults)" : params.c_str());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("trial %d, rung %d: %s", row.value("trial", 0), row.value("rung", 0),
                        params_text(algo, row["params"]).c_str());
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
