#include "app/panels/runs/store_actions.hpp"

#include <cstdio>

#include "imgui.h"

namespace lab::app::runs {

void StoreActions::draw(AppContext& ctx, ExplorerState& st) {
  float fh = ImGui::GetFontSize();
  if (experiments_version_ != ctx.session.store_version()) {  // reread experiments only after writes
    experiments_version_ = ctx.session.store_version();
    experiments_ = ctx.session.store().list_experiments(ViewType::ActiveOnly);
  }
  const Experiment* current = nullptr;
  for (const auto& e : experiments_)
    if (e.experiment_id == ctx.session.experiment_id()) current = &e;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Experiment");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fh * 14);
  if (ImGui::BeginCombo("##experiment", current ? current->name.c_str() : "?")) {
    for (const auto& e : experiments_)
      if (ImGui::Selectable((e.name + "##" + e.experiment_id).c_str(), current && e.experiment_id == current->experiment_id))
        st.pending.push_back({{"cmd", "experiments.select"}, {"experiment_id", e.experiment_id}});
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("New...")) {
    new_name_[0] = 0;
    ImGui::OpenPopup("new-experiment");
  }
  ImGui::SameLine();
  if (ImGui::Button("Rename...") && current) {
    std::snprintf(new_name_, sizeof new_name_, "%s", current->name.c_str());
    ImGui::OpenPopup("rename-experiment");
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!current || current->experiment_id == "0");
  if (ImGui::Button("Delete") && current)
    st.pending.push_back({{"cmd", "experiments.delete"}, {"experiment_id", current->experiment_id}});
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(current && current->experiment_id == "0" ? "the Default experiment cannot be deleted"
                                                               : "moves the experiment to .trash (restorable with experiments.restore)");
  for (const char* popup : {"new-experiment", "rename-experiment"}) {
    if (!ImGui::BeginPopup(popup)) continue;
    bool is_new = std::string(popup) == "new-experiment";
    ImGui::TextUnformatted(is_new ? "Name of the new experiment" : "New name");
    ImGui::SetNextItemWidth(fh * 18);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool enter = ImGui::InputText("##name", new_name_, sizeof new_name_, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::Button(is_new ? "Create" : "Rename") || enter) {
      if (is_new) st.pending.push_back({{"cmd", "experiments.create"}, {"name", std::string(new_name_)}});
      else if (current)
        st.pending.push_back({{"cmd", "experiments.rename"}, {"experiment_id", current->experiment_id}, {"name", std::string(new_name_)}});
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  // Archive buttons, right-aligned.
  const char* dl = "Download runs (.tar)";
  const char* ul = "Import archive...";
  float w = ImGui::CalcTextSize(dl).x + ImGui::CalcTextSize(ul).x + fh * 3;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + fh, ImGui::GetWindowContentRegionMax().x - w));
  if (ImGui::Button(dl)) {
    std::string err;
    nlohmann::json r = ctx.run({{"cmd", "store.export"}, {"path", "/tmp/lab-export.tar"}}, &err);
    if (err.empty()) ctx.run({{"cmd", "ui.download"}, {"path", "/tmp/lab-export.tar"}, {"filename", "mlruns-export.tar"}}, &err);
    st.error = err;
    st.message = err.empty() ? "Downloaded mlruns-export.tar (" + std::to_string(r.value("bytes", 0) / 1024) +
                                   " KB). Extract it and run: mlflow ui --backend-store-uri ./mlruns"
                             : "";
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("every experiment and run as one tar of MLflow's mlruns/ folder");
  ImGui::SameLine();
  if (ImGui::Button(ul)) {
    std::string err;
    ctx.run({{"cmd", "ui.upload"}}, &err);
    st.error = err;
    waiting_upload_ = err.empty();
    if (waiting_upload_) st.message = "Choose an archive exported by the lab...";
  }
  if (waiting_upload_) {  // the platform imports the chosen file and reports back here
    nlohmann::json r = ctx.run({{"cmd", "ui.upload_status"}}, nullptr);
    if (r.value("done", false)) {
      waiting_upload_ = false;
      const nlohmann::json& res = r["result"];
      if (res.value("ok", false)) {
        st.error.clear();
        st.message = "Imported " + std::to_string(res.value("runs", 0)) + " runs in " + std::to_string(res.value("experiments", 0)) +
                     " experiments (" + std::to_string(res.value("files_written", 0)) + " files written).";
      } else {
        st.message.clear();
        st.error = "Import refused: " + res.value("error", std::string("unknown error")) + " Nothing was changed.";
      }
    }
  }
}

}  // namespace lab::app::runs
