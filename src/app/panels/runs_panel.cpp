#include "app/panels/runs_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/panels/runs/runs_table.hpp"
#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

void RunsPanel::draw_search(AppContext& ctx) {
  float fh = ImGui::GetFontSize();
  // The filter field shows its whole example (at 800 px a fixed share cut it off); the options go
  // beside it while they fit, else on the next line.
  const char* hint = "filter, e.g.  metrics.roc_auc > 0.9 and params.C = '0.5'";
  const ImGuiStyle& style = ImGui::GetStyle();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float hint_w = ImGui::CalcTextSize(hint).x + 2 * style.FramePadding.x;
  ImGui::SetNextItemWidth(std::min(avail, std::max(hint_w, avail - fh * 26)));
  input_text_with_hint("##filter", hint, st_.filter, sizeof st_.filter);
  const float options_w = labelled_width(ImGui::GetFrameHeight(), "Show deleted") + button_width("Columns...") +
                          ImGui::CalcTextSize("(?)").x + 2 * style.ItemSpacing.x;
  same_line_if_fits(options_w, style.ItemSpacing.x);
  ImGui::Checkbox("Show deleted", &st_.show_deleted);
  ImGui::SameLine();
  runs::draw_column_chooser(st_);
  ImGui::SameLine();
  help_marker(
      "MLflow's search syntax. Clauses joined with AND:\n"
      "  metrics.<key> = != < <= > >= <number>\n"
      "  params.<key> / tags.<key>  = != LIKE ILIKE '<text>'   (% any, _ one char)\n"
      "  attributes: run_name, status, run_id, user_id ('text', IN ('a','b')),\n"
      "              start_time, end_time, duration (ms numbers)\n"
      "  datasets.name / datasets.digest / datasets.context\n"
      "Quote odd keys with backticks: tags.`my key` = 'x'");
  st_.refresh_rows(ctx.session);
  if (!st_.rows.error.empty()) {
    // Show the filter with the bad part in red so the position is obvious.
    std::string f = st_.filter;
    size_t pos = std::min(st_.rows.error_pos, f.size());
    ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "Bad filter at character %zu: %s", pos + 1, st_.rows.error.c_str());
    ImGui::TextDisabled("  %s", f.substr(0, pos).c_str());
    ImGui::SameLine(0, 0);
    ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", pos < f.size() ? f.substr(pos).c_str() : "<- here");
  }
}

void RunsPanel::draw_selection_bar() {
  float fh = ImGui::GetFontSize();
  ImGui::AlignTextToFramePadding();
  if (st_.rows.error.empty() && st_.rows.folded > 0)
    ImGui::Text("%zu of %zu %sruns (%zu folded under their search)", st_.rows.runs.size() + st_.rows.folded, st_.rows.total,
                st_.show_deleted ? "deleted " : "", st_.rows.folded);
  else if (st_.rows.error.empty())
    ImGui::Text("%zu of %zu %sruns", st_.rows.runs.size(), st_.rows.total, st_.show_deleted ? "deleted " : "");
  else
    ImGui::Text("%zu %sruns (filter not applied)", st_.rows.total, st_.show_deleted ? "deleted " : "");
  ImGui::SameLine(0, fh * 1.5f);
  if (ImGui::SmallButton("Select all shown"))
    for (const Run* r : st_.rows.runs) st_.selected.insert(r->info.run_id);
  ImGui::SameLine();
  ImGui::BeginDisabled(st_.selected.empty());
  if (ImGui::SmallButton("Clear selection")) st_.selected.clear();
  ImGui::SameLine(0, fh * 1.5f);
  ImGui::Text("%zu selected", st_.selected.size());
  ImGui::SameLine();
  std::vector<std::string> ids(st_.selected.begin(), st_.selected.end());
  if (st_.show_deleted) {
    if (ImGui::SmallButton("Restore selected")) st_.pending.push_back({{"cmd", "runs.restore"}, {"run_ids", ids}});
  } else if (ImGui::SmallButton("Delete selected")) {
    st_.pending.push_back({{"cmd", "runs.delete"}, {"run_ids", ids}});
  }
  ImGui::EndDisabled();
}

void RunsPanel::run_pending(AppContext& ctx) {
  for (const auto& cmd : st_.pending) {
    std::string err;
    ctx.run(cmd, &err);
    if (!err.empty()) st_.error = err;
    else if (cmd["cmd"] == "runs.delete" || cmd["cmd"] == "runs.restore") st_.selected.clear();
  }
  if (!st_.pending.empty() && st_.error.empty()) st_.message.clear();
  st_.pending.clear();
}

void RunsPanel::register_view_command(AppContext& ctx) {
  if (registered_) return;
  registered_ = true;
  ctx.dispatcher.add(
      "ui.runs",
      "runs explorer view: {filter?, show_deleted?, select?: 'all' | 'none' | [run ids], tab?: 'table' | 'compare', "
      "compare?: {smoothing, log_y, group_by, metrics}, artifact_root?: the Download's unpack folder, download?: true}",
      [this, &ctx](const nlohmann::json& a) {
        if (a.contains("filter")) {
          std::string f = a["filter"].get<std::string>();
          if (f.size() >= sizeof st_.filter) throw std::invalid_argument("filter is too long");
          std::snprintf(st_.filter, sizeof st_.filter, "%s", f.c_str());
        }
        if (a.contains("show_deleted")) st_.show_deleted = a["show_deleted"].get<bool>();
        st_.refresh_rows(ctx.session);  // the first ui.runs loads the rows if no frame has drawn them yet
        if (a.contains("select")) {
          const auto& sel = a["select"];
          st_.selected.clear();
          if (sel == "all")
            for (const Run* r : st_.rows.runs) st_.selected.insert(r->info.run_id);
          else if (sel.is_array())
            for (const auto& id : sel) st_.selected.insert(id.get<std::string>());
        }
        if (a.contains("tab")) st_.tab = a["tab"] == "compare" ? 2 : 3;  // requests, consumed when drawn
        if (a.contains("compare")) compare_.configure(a["compare"]);
        if (a.contains("artifact_root")) actions_.set_artifact_root(a["artifact_root"].get<std::string>());
        if (a.value("download", false)) actions_.download(ctx, st_);
        return nlohmann::json{{"selected", st_.selected.size()}, {"shown", st_.rows.runs.size()}, {"filter_error", st_.rows.error},
                              {"artifact_root_error", actions_.artifact_root_error()}, {"panel_message", st_.message},
                              {"panel_error", st_.error}};
      });
}

void RunsPanel::draw(AppContext& ctx) {
  float fh = ImGui::GetFontSize();
  register_view_command(ctx);  // normally done by attach(); harmless when it was
  actions_.draw(ctx, st_);
  if (!st_.error.empty()) error_box(st_.error);
  else if (!st_.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.6f, 0.85f, 0.6f, 1));
    ImGui::TextWrapped("%s", st_.message.c_str());
    ImGui::PopStyleColor();
  }
  draw_search(ctx);

  if (st_.rows.total == 0 && !st_.show_deleted) {
    ImGui::Spacing();
    ImGui::TextDisabled("No runs in this experiment yet. Train a model in the Train module, or import an archive.");
    run_pending(ctx);
    return;
  }
  if (ImGui::BeginTabBar("runs-tabs")) {
    // st_.tab 2/3 are one-shot requests (from ui.runs) to switch to compare/table.
    ImGuiTabItemFlags table_flags = st_.tab == 3 ? ImGuiTabItemFlags_SetSelected : 0;
    ImGuiTabItemFlags compare_flags = st_.tab == 2 ? ImGuiTabItemFlags_SetSelected : 0;
    if (st_.tab >= 2) st_.tab -= 2;
    if (ImGui::BeginTabItem("Table", nullptr, table_flags)) {
      draw_selection_bar();
      float avail = ImGui::GetContentRegionAvail().y;
      runs::draw_runs_table(ctx, st_, std::max(fh * 8, avail * 0.55f));
      ImGui::Spacing();
      // The selected run's details below the table, in the module's own scrolling: a pane of
      // their own was squeezed to a few pixels in small windows, its buttons out of reach.
      ImGui::PushID("details");
      details_.draw(ctx, st_);
      ImGui::PopID();
      ImGui::EndTabItem();
    }
    std::string compare = "Compare (" + std::to_string(st_.selected.size()) + " selected)###compare";
    if (ImGui::BeginTabItem(compare.c_str(), nullptr, compare_flags)) {
      ImGui::BeginChild("compare", ImVec2(0, 0), false);
      compare_.draw(ctx, st_);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  run_pending(ctx);
}

}  // namespace lab::app
