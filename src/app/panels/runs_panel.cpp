#include "app/panels/runs_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/plot/line_chart.hpp"
#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

namespace {
std::string metric_text(const Run& r, const char* key) {
  const MetricPoint* p = r.latest(key);
  if (!p) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", p->value);
  return buf;
}
std::vector<double> history(const Run& r, const char* key) {
  std::vector<double> out;
  auto it = r.metrics.find(key);
  if (it != r.metrics.end())
    for (const auto& p : it->second) out.push_back(p.value);
  return out;
}
std::string tag(const Run& r, const char* key) {
  auto it = r.tags.find(key);
  return it == r.tags.end() ? "" : it->second;
}
}  // namespace

void RunsPanel::draw(AppContext& ctx) {
  const auto& runs = ctx.session.runs();
  ImGui::TextWrapped(
      "Every training run is recorded like MLflow records it: parameters, metrics with their step history, and "
      "the dataset version it used. Runs are stored in this browser (IndexedDB) and survive reloads.");
  if (runs.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("No runs yet. Train a model in the Train module.");
    return;
  }
  section_title("Runs (newest first)");
  float row_h = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  float table_h = std::min(ImGui::GetContentRegionAvail().y * 0.45f, row_h * float(runs.size() + 1) + 4);
  if (ImGui::BeginTable("runs", 8,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingStretchProp,
                        ImVec2(0, table_h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"run", "status", "started (UTC)", "C", "accuracy", "ROC AUC", "log loss", "data version"})
      ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const auto& r : runs) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      bool sel = selected_ == r.info.run_id;
      if (ImGui::Selectable(r.info.run_name.c_str(), sel, ImGuiSelectableFlags_SpanAllColumns)) selected_ = r.info.run_id;
      ImGui::TableNextColumn(); ImGui::TextUnformatted(to_string(r.info.status));
      ImGui::TableNextColumn(); ImGui::TextUnformatted(format_time_ms(r.info.start_time).c_str());
      ImGui::TableNextColumn();
      auto c = r.params.find("C");
      ImGui::TextUnformatted(c == r.params.end() ? "-" : c->second.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(metric_text(r, "accuracy").c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(metric_text(r, "roc_auc").c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(metric_text(r, "log_loss").c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(short_hash(tag(r, "lab.dataset.hash")).c_str());
    }
    ImGui::EndTable();
  }

  const Run* sel = &runs.front();  // the newest run until the user picks another
  for (const auto& r : runs)
    if (r.info.run_id == selected_) sel = &r;
  selected_ = sel->info.run_id;
  section_title(("Run " + sel->info.run_name).c_str());
  ImGui::Text("id %s  |  dataset %s (%s rows, version %s)", sel->info.run_id.c_str(), tag(*sel, "lab.dataset.name").c_str(),
              tag(*sel, "lab.dataset.rows").c_str(), short_hash(tag(*sel, "lab.dataset.hash")).c_str());
  std::string params;
  for (const auto& [k, v] : sel->params) params += (params.empty() ? "" : ",  ") + k + " = " + v;
  ImGui::TextWrapped("params: %s", params.c_str());
  train_loss_ = history(*sel, "train_loss");
  val_loss_ = history(*sel, "val_loss");
  plot::line_chart("run-loss", {{"train loss", &train_loss_, IM_COL32(90, 170, 255, 255)},
                                {"validation loss", &val_loss_, IM_COL32(255, 160, 60, 255)}},
                   {"step", "mean log loss", 1, std::max(ImGui::GetFontSize() * 10, ImGui::GetContentRegionAvail().y - 4)});
}

}  // namespace lab::app
