#include "app/panels/runs/runs_table.hpp"

#include <algorithm>
#include <cstdio>

#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app::runs {
namespace {

struct Column {
  std::string header;
  Entity entity;
  std::string key;
  bool numeric;
};

std::vector<Column> columns_of(const ExplorerState& st) {
  std::vector<Column> cols = {{"run", Entity::Attribute, "run_name", false},
                              {"status", Entity::Attribute, "status", false},
                              {"started (UTC)", Entity::Attribute, "start_time", true},
                              {"duration", Entity::Attribute, "duration", true},
                              {"dataset", Entity::Dataset, "digest", false},
                              {"sync", Entity::Attribute, "sync", false}};  // the room's MLflow (Room module)
  // Metrics before params: what runs are compared on stays on screen in a narrow window.
  for (const auto& k : st.metric_columns) cols.push_back({k, Entity::Metric, k, true});
  for (const auto& k : st.param_columns) cols.push_back({k, Entity::Param, k, false});
  if (cols.size() > 60) cols.resize(60);  // ImGui tables hold at most 64 columns
  return cols;
}

std::string duration_text(const Run& r) {
  if (r.info.end_time < 0) return r.info.status == RunStatus::Running ? "running" : "-";
  double s = double(r.info.end_time - r.info.start_time) / 1000.0;
  char buf[32];
  if (s < 60) std::snprintf(buf, sizeof buf, "%.1f s", s);
  else if (s < 3600) std::snprintf(buf, sizeof buf, "%.1f min", s / 60);
  else std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
  return buf;
}

std::string cell_text(const Run& r, const Column& c) {
  if (c.entity == Entity::Attribute && c.key == "start_time") return format_time_ms(r.info.start_time);
  if (c.entity == Entity::Attribute && c.key == "duration") return duration_text(r);
  if (c.entity == Entity::Dataset) {
    for (const auto& in : r.inputs) return in.dataset.name + " " + short_hash(in.dataset.digest).substr(0, 8);
    auto it = r.tags.find("lab.dataset.hash");
    return it == r.tags.end() ? "-" : short_hash(it->second).substr(0, 8);
  }
  SortValue v = sort_value(r, c.entity, c.key);
  if (!v.present) return "-";
  if (!v.numeric) return v.text;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v.number);
  return buf;
}

// local only / pending / synced / failed; a failed run's reason on hover.
void draw_sync_cell(const sync::RunSyncView& v) {
  switch (v.state) {
    case sync::RunState::NotSynced: ImGui::TextDisabled("local only"); break;
    case sync::RunState::Pending: ImGui::TextUnformatted(v.reason.empty() ? "queued" : "queued (!)"); break;
    case sync::RunState::Synced: ImGui::TextColored(ImVec4(0.6f, 0.85f, 0.6f, 1), "synced"); break;
    case sync::RunState::Failed: ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "failed"); break;
  }
  if (!v.reason.empty() && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(v.reason.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void click_row(ExplorerState& st, const std::string& id, size_t row) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.KeyShift && !st.anchor.empty()) {
    size_t a = row;
    for (size_t i = 0; i < st.rows.runs.size(); ++i)
      if (st.rows.runs[i]->info.run_id == st.anchor) a = i;
    if (!io.KeyCtrl) st.selected.clear();
    for (size_t i = std::min(a, row); i <= std::max(a, row); ++i) st.selected.insert(st.rows.runs[i]->info.run_id);
  } else if (io.KeyCtrl) {
    if (!st.selected.erase(id)) st.selected.insert(id);
    st.anchor = id;
  } else {
    st.selected = {id};
    st.anchor = id;
  }
  st.focus = id;
}

}  // namespace

void draw_column_chooser(ExplorerState& st) {
  if (ImGui::Button("Columns...")) ImGui::OpenPopup("columns");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("choose which params and metrics get a column");
  if (!ImGui::BeginPopup("columns")) return;
  auto toggle_list = [&](const char* title, const std::vector<std::string>& keys, std::vector<std::string>& chosen) {
    ImGui::TextDisabled("%s", title);
    for (const auto& k : keys) {
      bool on = std::count(chosen.begin(), chosen.end(), k) > 0;
      if (ImGui::Checkbox((k + "##" + title).c_str(), &on)) {
        if (on) chosen.push_back(k);
        else chosen.erase(std::remove(chosen.begin(), chosen.end(), k), chosen.end());
        st.columns_chosen = true;
      }
    }
    if (keys.empty()) ImGui::TextDisabled("  (none logged yet)");
  };
  toggle_list("params", st.rows.param_keys, st.param_columns);
  ImGui::Separator();
  toggle_list("metrics (latest value)", st.rows.metric_keys, st.metric_columns);
  ImGui::EndPopup();
}

void draw_runs_table(AppContext& ctx, ExplorerState& st, float height) {
  std::vector<Column> cols = columns_of(st);
  // A new column set is a new table, so ImGui does not carry widths between different layouts.
  std::string sig;
  for (const auto& c : cols) sig += c.header + "|";
  ImGui::PushID(sig.c_str());
  ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                          ImGuiTableFlags_Sortable | ImGuiTableFlags_SortMulti | ImGuiTableFlags_SortTristate |
                          ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                          ImGuiTableFlags_SizingFixedFit;
  // A narrow window (800 px) cannot show every column: on becoming narrow, "started" and
  // "duration" are hidden so the metrics are on screen (the header's right-click menu shows
  // them again); on becoming wide they come back.
  const bool narrow = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 60;
  if (ImGui::BeginTable("runs", int(cols.size()) + 1, flags, ImVec2(0, height))) {
    float fh = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(2, 1);
    ImGui::TableSetupColumn("##sel", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_NoResize | ImGuiTableColumnFlags_NoHide |
                                         ImGuiTableColumnFlags_WidthFixed, fh * 1.6f);
    for (size_t i = 0; i < cols.size(); ++i) {
      float w = i == 0 ? fh * 11 : i == 2 ? fh * 9.5f : i == 4 ? fh * 6.5f : i == 5 ? fh * 6 : std::max(fh * 5.0f, ImGui::CalcTextSize(cols[i].header.c_str()).x + fh * 1.5f);
      ImGuiTableColumnFlags cf = ImGuiTableColumnFlags_WidthFixed | (cols[i].numeric ? ImGuiTableColumnFlags_PreferSortDescending : 0);
      if (i == 0) cf |= ImGuiTableColumnFlags_NoHide;
      if (i == 5) cf |= ImGuiTableColumnFlags_NoSort;
      ImGui::TableSetupColumn(cols[i].header.c_str(), cf, w, ImGuiID(i + 1));
    }
    if (st.narrow_table != int(narrow)) {
      st.narrow_table = int(narrow);
      ImGui::TableSetColumnEnabled(3, !narrow);  // "started (UTC)" (column 0 is the checkbox)
      ImGui::TableSetColumnEnabled(4, !narrow);  // "duration"
    }
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
      st.sort.clear();
      for (int i = 0; i < specs->SpecsCount; ++i) {
        const ImGuiTableColumnSortSpecs& s = specs->Specs[i];
        if (s.ColumnUserID == 0 || s.ColumnUserID > cols.size()) continue;
        const Column& c = cols[s.ColumnUserID - 1];
        st.sort.push_back({c.entity, c.key, s.SortDirection == ImGuiSortDirection_Ascending});
      }
      specs->SpecsDirty = false;
      st.refresh_rows(ctx.session);
    }

    ImGuiListClipper clipper;  // only the visible rows are laid out: 1,000 runs cost ~30 rows
    clipper.Begin(int(st.rows.runs.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const Run& r = *st.rows.runs[size_t(row)];
        const std::string& id = r.info.run_id;
        ImGui::TableNextRow();
        ImGui::PushID(id.c_str());
        ImGui::TableNextColumn();
        bool checked = st.is_selected(id);
        if (ImGui::Checkbox("##pick", &checked)) {
          if (checked) st.selected.insert(id);
          else st.selected.erase(id);
          st.anchor = id;
        }
        ImGui::TableNextColumn();
        // A search's parent run folds its trials (and refit) under it; an arrow opens them.
        const size_t nested = st.rows.nested[size_t(row)];
        const bool child = st.rows.depth[size_t(row)] > 0;
        if (nested > 0) {
          const bool open = st.expanded.count(id) > 0;
          if (ImGui::ArrowButton("##nested", open ? ImGuiDir_Down : ImGuiDir_Right)) {
            if (open) st.expanded.erase(id);
            else st.expanded.insert(id);
          }
          if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s the %zu runs of this search", open ? "Hide" : "Show", nested);
          ImGui::SameLine(0, fh * 0.25f);
        } else if (child) {
          ImGui::Indent(fh * 1.4f);
        }
        const std::string name = nested > 0 ? r.info.run_name + "  (" + std::to_string(nested) + " nested)" : r.info.run_name;
        if (ImGui::Selectable(name.c_str(), st.is_selected(id) || st.focus == id,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
          click_row(st, id, size_t(row));
        if (child) ImGui::Unindent(fh * 1.4f);
        for (size_t c = 1; c < cols.size(); ++c) {
          ImGui::TableNextColumn();
          if (c == 5) {
            draw_sync_cell(ctx.session.sync().view(r.info));
            continue;
          }
          std::string t = cell_text(r, cols[c]);
          if (c == 1 && r.info.status == RunStatus::Failed) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", t.c_str());
          else if (cols[c].numeric && c >= 5) {  // right-align numbers so digits line up
            float w = ImGui::CalcTextSize(t.c_str()).x;
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetColumnWidth() - w - ImGui::GetStyle().CellPadding.x));
            ImGui::TextUnformatted(t.c_str());
          } else {
            ImGui::TextUnformatted(t.c_str());
          }
        }
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopID();
}

}  // namespace lab::app::runs
