#include "app/panels/runs/store_actions.hpp"

#include <algorithm>
#include <cstdio>

#include "app/widgets.hpp"
#include "imgui.h"
#include "io/file_uri.hpp"

namespace lab::app::runs {

void StoreActions::draw(AppContext& ctx, ExplorerState& st) {
  float fh = ImGui::GetFontSize();
  if (experiments_version_ != ctx.session.store_version()) {  // reread experiments only after writes
    experiments_version_ = ctx.session.store_version();
    experiments_ = ctx.session.store().list_experiments(ViewType::ActiveOnly);
  }
  current_id_ = ctx.session.experiment_id();
  draw_experiments(st, fh);
  draw_archive(ctx, st, fh);
  poll_upload(ctx, st);
}

void StoreActions::draw_experiments(ExplorerState& st, float fh) {
  const Experiment* current = nullptr;
  for (const auto& e : experiments_)
    if (e.experiment_id == current_id_) current = &e;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Experiment");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fh * 14);
  if (begin_combo("##experiment", current ? current->name.c_str() : "?")) {
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
}

std::pair<std::string, std::string> StoreActions::checked_root() const {
  if (std::string(artifact_root_).find_first_not_of(" \t") == std::string::npos) return {"", ""};  // empty: as stored
  try {
    return {normalize_artifact_root(artifact_root_), ""};
  } catch (const std::exception& e) {
    return {"", e.what()};
  }
}

void StoreActions::set_artifact_root(const std::string& folder) {
  if (folder.size() >= sizeof artifact_root_) throw std::invalid_argument("artifact_root is too long");
  std::snprintf(artifact_root_, sizeof artifact_root_, "%s", folder.c_str());
}

void StoreActions::download(AppContext& ctx, ExplorerState& st) {
  auto [root, root_error] = checked_root();
  if (!root_error.empty()) {
    st.message.clear();
    st.error = root_error;
    return;
  }
  std::string err;
  nlohmann::json exp = {{"cmd", "store.export"}, {"path", "/tmp/lab-export.tar"}};
  if (!root.empty()) exp["artifact_root"] = root;
  nlohmann::json r = ctx.run(exp, &err);
  if (err.empty()) ctx.run({{"cmd", "ui.download"}, {"path", "/tmp/lab-export.tar"}, {"filename", "mlruns-export.tar"}}, &err);
  st.error = err;
  st.message = err.empty() ? "Downloaded mlruns-export.tar (" + std::to_string(r.value("bytes", 0) / 1024) + " KB" +
                                 (root.empty() ? "; artifact paths as stored in the browser)."
                                               : "; artifact paths point at " + root + ").")
                           : "";
}

void StoreActions::draw_archive(AppContext& ctx, ExplorerState& st, float fh) {
  auto [root, root_error] = checked_root();  // checked as typed, so a relative path is flagged before the download
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Archive");
  ImGui::SameLine();
  ImGui::BeginDisabled(!root_error.empty());
  bool download_clicked = ImGui::Button("Download runs (.tar)");
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(root_error.empty() ? "every experiment and run as one tar of MLflow's mlruns/ folder"
                                         : "fix the unpack folder first (see the message below)");
  // The unpack-folder field is at least as wide as its placeholder, beside the button when the
  // window has room, on its own line when not (at 800 px the placeholder was cut off).
  const char* hint = "where you will unpack it, for mlflow ui (optional)";
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float min_w = ImGui::CalcTextSize(hint).x + 2 * ImGui::GetStyle().FramePadding.x;
  const float marker_w = ImGui::CalcTextSize("(?)").x + spacing;
  same_line_if_fits(min_w + marker_w, spacing);
  ImGui::SetNextItemWidth(std::max(min_w, std::min(fh * 30, ImGui::GetContentRegionAvail().x - marker_w - fh * 10)));
  input_text_with_hint("##artifact-root", hint, artifact_root_, sizeof artifact_root_);
  ImGui::SameLine();
  help_marker(
      "The absolute path the archive's mlruns/ folder will have once you unpack it,\n"
      "e.g. /home/me/lab-export/mlruns or C:\\Users\\me\\lab-export\\mlruns.\n"
      "Runs record where their artifacts are (the model, predictions): with this path\n"
      "mlflow ui shows them. Left empty, the archive keeps the browser's own paths\n"
      "(/lab/mlruns/...), which is right for importing it back into a lab.");
  same_line_if_fits(button_width("Import archive..."), fh * 1.5f);
  if (ImGui::Button("Import archive...")) {
    std::string err;
    ctx.run({{"cmd", "ui.upload"}}, &err);
    st.error = err;
    waiting_upload_ = err.empty();
    if (waiting_upload_) st.message = "Choose an archive exported by the lab...";
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("add the runs of an exported .tar; a conflicting archive is refused whole");

  std::string store_uri = root.empty() ? "./mlruns" : root;
  if (!root_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.4f, 1));
    ImGui::TextWrapped("%s", root_error.c_str());
    ImGui::PopStyleColor();
  } else {
    // Wrapped, so the whole command stays readable in a narrow window. The variable is harmless
    // before MLflow 3.13 and required from 3.13 on (file stores are refused without it).
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Open in MLflow: tar xf mlruns-export.tar, then  MLFLOW_ALLOW_FILE_STORE=true mlflow ui "
                       "--backend-store-uri %s   (the variable is needed from MLflow 3.13 on)",
                       store_uri.c_str());
    ImGui::PopStyleColor();
  }
  if (download_clicked) download(ctx, st);
}

void StoreActions::poll_upload(AppContext& ctx, ExplorerState& st) {
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
