#include "app/panels/runs/run_details.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "app/panels/runs/notebook_download.hpp"
#include "app/plot/step_chart.hpp"
#include "app/widgets.hpp"
#include "core/track/series_reduce.hpp"
#include "imgui.h"

namespace lab::app::runs {

// The id in a read-only field, so it can be selected and copied with Ctrl+C (Cmd+C), and a
// button that copies it in one click (for the registry, the CLI, a notebook).
void RunDetails::draw_run_id(const std::string& id, float width) {
  float fh = ImGui::GetFontSize();
  std::snprintf(id_buf_, sizeof id_buf_, "%s", id.c_str());
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("id");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(fh * 6, width - fh * 7.5f));
  ImGui::InputText("##run id", id_buf_, sizeof id_buf_, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
  ImGui::SameLine();
  if (ImGui::Button("Copy id", ImVec2(fh * 5, 0))) ImGui::SetClipboardText(id.c_str());
}

void RunDetails::draw(AppContext& ctx, ExplorerState& st) {
  const Run* run = nullptr;
  for (const Run* r : st.rows.runs)
    if (r->info.run_id == st.focus) run = r;
  if (!run && !st.rows.runs.empty()) {
    run = st.rows.runs.front();  // the top row until the user picks another
    st.focus = run->info.run_id;
  }
  if (!run) return;
  const std::string& id = run->info.run_id;
  auto tag = [&](const char* k) {
    auto it = run->tags.find(k);
    return it == run->tags.end() ? std::string() : it->second;
  };
  if (loaded_for_ != id) {
    loaded_for_ = id;
    std::snprintf(name_, sizeof name_, "%s", run->info.run_name.c_str());
    std::snprintf(note_, sizeof note_, "%s", tag(kTagNote).c_str());
    curves_version_ = 0;
  }
  bool deleted = run->info.lifecycle_stage == "deleted";
  float fh = ImGui::GetFontSize();

  ImGui::BeginGroup();  // left: identity and edits
  float left_w = std::max(fh * 22, ImGui::GetContentRegionAvail().x * 0.42f);
  ImGui::PushItemWidth(left_w - fh * 6);
  ImGui::InputText("##name", name_, sizeof name_);
  ImGui::PopItemWidth();
  ImGui::SameLine();
  ImGui::BeginDisabled(deleted || run->info.run_name == name_);
  if (ImGui::Button("Rename", ImVec2(fh * 5, 0)))
    st.pending.push_back({{"cmd", "runs.rename"}, {"run_id", id}, {"name", std::string(name_)}});
  ImGui::EndDisabled();
  draw_run_id(id, left_w);
  ImGui::TextDisabled("%s  |  by %s  |  %s", to_string(run->info.status), run->info.user_id.c_str(),
                      format_time_ms(run->info.start_time).c_str());
  for (const auto& in : run->inputs) {
    auto ctx_tag = in.tags.find(kTagDataContext);
    ImGui::Text("dataset: %s, version %s (%s)", in.dataset.name.c_str(), short_hash(in.dataset.digest).c_str(),
                ctx_tag == in.tags.end() ? "input" : ctx_tag->second.c_str());
  }
  ImGui::TextDisabled("Notes (Markdown, shown as the run's description in MLflow)");
  ImGui::InputTextMultiline("##note", note_, sizeof note_, ImVec2(left_w, fh * 3.6f));
  ImGui::BeginDisabled(deleted || tag(kTagNote) == note_);
  if (ImGui::Button("Save note")) st.pending.push_back({{"cmd", "runs.note"}, {"run_id", id}, {"text", std::string(note_)}});
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (deleted) {
    if (ImGui::Button("Restore run")) st.pending.push_back({{"cmd", "runs.restore"}, {"run_id", id}});
  } else {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.55f, 0.2f, 0.2f, 1));
    if (ImGui::Button("Delete run")) st.pending.push_back({{"cmd", "runs.delete"}, {"run_id", id}});
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("moves it to the deleted runs; 'Show deleted' brings it back");
  }
  std::string params;
  for (const auto& [k, v] : run->params) params += (params.empty() ? "" : ",  ") + k + " = " + v;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left_w);
  ImGui::TextWrapped("params: %s", params.empty() ? "(none)" : params.c_str());
  ImGui::PopTextWrapPos();
  notebook_download_button(ctx, st, *run);  // "graduate to a notebook"
  ImGui::EndGroup();

  // Right: the run's step curves (metrics with more than one point).
  ImGui::SameLine(0, fh);
  ImGui::BeginGroup();
  if (curves_version_ != st.rows_version) {
    curves_version_ = st.rows_version;
    keys_.clear(); xs_.clear(); ys_.clear();
    for (const auto& [k, h] : run->metrics) {
      if (h.size() < 2) continue;
      keys_.push_back(k);
      xs_.emplace_back();
      ys_.emplace_back();
      history_xy(h, xs_.back(), ys_.back());
    }
  }
  std::vector<plot::StepSeries> series;
  for (size_t i = 0; i < keys_.size() && i < 10; ++i) series.push_back({keys_[i], &xs_[i], &ys_[i], plot::series_color(i)});
  if (series.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("This run has no step curves (only final values).");
    ImGui::PopStyleColor();
  }
  else plot::step_chart("details-curves", series, {"", "step", false, std::max(fh * 9, ImGui::GetContentRegionAvail().y - 4), true});
  ImGui::EndGroup();
}

}  // namespace lab::app::runs
