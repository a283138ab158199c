#include "app/panels/runs/notebook_download.hpp"

#include "imgui.h"

namespace lab::app::runs {

namespace {
constexpr const char* kArchivePath = "/tmp/lab-notebook.tar";
}

void download_notebook(AppContext& ctx, ExplorerState& st, const std::string& run_id) {
  std::string err;
  nlohmann::json r = ctx.run({{"cmd", "recipe.notebook"}, {"run_id", run_id}, {"format", "tar"}, {"path", kArchivePath}}, &err);
  if (err.empty()) ctx.run({{"cmd", "ui.download"}, {"path", kArchivePath}, {"filename", r["filename"]}}, &err);
  st.error = err;
  st.message = err.empty() ? "Downloaded " + r["filename"].get<std::string>() + ": unpack it and open " +
                                 r["notebook_filename"].get<std::string>() + " in Jupyter (keep " +
                                 r["data_filename"].get<std::string>() + " beside it), or run " +
                                 r["script_filename"].get<std::string>() + " with Python."
                           : "";
}

void notebook_download_button(AppContext& ctx, ExplorerState& st, const Run& run) {
  const bool trained = run.info.status == RunStatus::Finished && run.params.count("algo") > 0 &&
                       run.info.lifecycle_stage != "deleted";
  ImGui::BeginDisabled(!trained);
  if (ImGui::Button("Download as notebook")) download_notebook(ctx, st, run.info.run_id);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(trained ? "This run as a Jupyter notebook (.ipynb), the same code as a .py, and its data with the "
                                "lab's train/test split: pandas, scikit-learn and MLflow redo it outside the lab."
                              : "Only a finished training run can be exported as a notebook.");
}

}  // namespace lab::app::runs
