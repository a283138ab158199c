#include "app/panels/serve_batch.hpp"

#include <algorithm>

#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

void ServeBatch::score_file(AppContext& ctx, const std::string& endpoint, const std::string& path, const std::string& name) {
  file_ = name;
  result_ = nullptr;
  error_.clear();
  json r = ctx.run({{"cmd", "serve.batch"}, {"endpoint", endpoint}, {"filename", name}, {"path", path}}, nullptr);
  if (!r.value("ok", false)) {
    error_ = "Could not score " + name + ": " + r.value("error", std::string("unknown error"));
    return;
  }
  r.erase("results");  // the table shows errors; the per-row predictions are in the CSV
  result_ = std::move(r);
}

void ServeBatch::refuse_file(const std::string& name, const std::string& problem) {
  file_ = name;
  result_ = nullptr;
  error_ = problem;
}

bool ServeBatch::download(AppContext& ctx) {
  if (result_.is_null() || !ctx.download_text) return false;
  std::string base = file_.size() > 4 ? file_.substr(0, file_.size() - 4) : std::string("batch");
  ctx.download_text(base + "-scored.csv", result_["csv"].get<std::string>());
  return true;
}

json ServeBatch::state() const {
  json s = {{"file", file_}, {"error", error_}};
  if (!result_.is_null())
    s["summary"] = {{"rows", result_["rows"]}, {"scored", result_["scored"]}, {"rejected", result_["rejected"]},
                    {"model", result_["model"]}, {"version", result_["version"]}, {"errors", result_["errors"]}};
  return s;
}

void ServeBatch::draw_errors_table() {
  const json& errors = result_["errors"];
  if (errors.empty()) return;
  float fh = ImGui::GetFontSize();
  float row_h = ImGui::GetTextLineHeightWithSpacing() + 2 * ImGui::GetStyle().CellPadding.y;
  float h = std::min(row_h * float(errors.size() + 1) + 4, fh * 14);
  if (!ImGui::BeginTable("batch-errors", 3,
                         ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit,
                         ImVec2(0, h)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("row (file line)");
  ImGui::TableSetupColumn("field");
  ImGui::TableSetupColumn("problem", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(int(errors.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const json& e = errors[size_t(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d", e["row"].get<int>());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e["field"].get<std::string>().empty() ? "(whole row)" : e["field"].get<std::string>().c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e["message"].get<std::string>().c_str());  // one line each: the clipper needs equal rows
    }
  ImGui::EndTable();
}

void ServeBatch::draw(AppContext& ctx, const std::string& endpoint, bool deployed) {
  section_title("Batch scoring");
  ImGui::TextWrapped("Score a whole CSV file at once: each row is checked against the contract like a request, valid "
                     "rows get a prediction, invalid rows are listed with their problems. Extra columns (an id, the "
                     "true outcome) are kept in the result and ignored by the model. Batch rows are not live traffic, "
                     "so they do not enter the request log.");
  bool can_pick = deployed && bool(ctx.pick_batch_csv);
  ImGui::BeginDisabled(!can_pick);
  if (ImGui::Button("Score a CSV file...")) ctx.pick_batch_csv();
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    if (!deployed) ImGui::SetTooltip("Deploy a model above first: the file is scored by the deployed endpoint.");
    else if (!ctx.pick_batch_csv) ImGui::SetTooltip("This build has no file picker; use the CLI's serve.batch command.");
    else ImGui::SetTooltip("A .csv with a header row naming the contract's fields, up to 20 MB.");
  }
  ImGui::SameLine();
  if (!deployed) ImGui::TextDisabled("no endpoint '%s' is deployed yet", endpoint.c_str());
  else ImGui::TextDisabled("header row with the contract's field names; up to 20 MB");
  error_box(error_);
  if (result_.is_null()) return;

  int rejected = result_["rejected"].get<int>();
  ImGui::Text("%s:", file_.c_str());
  ImGui::SameLine();
  ImGui::TextColored(ImVec4(0.6f, 0.85f, 0.6f, 1), "%d rows scored", result_["scored"].get<int>());
  ImGui::SameLine();
  if (rejected > 0) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1), "%d rejected", rejected);
  else ImGui::TextDisabled("0 rejected");
  ImGui::SameLine();
  ImGui::TextDisabled("of %d, by %s v%d", result_["rows"].get<int>(), result_["model"].get<std::string>().c_str(),
                      result_["version"].get<int>());
  ImGui::BeginDisabled(!ctx.download_text);
  if (ImGui::Button("Download results CSV")) download(ctx);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("your columns + prediction, confidence, error");
  if (rejected > 0) {
    ImGui::TextUnformatted("Rejected rows and why:");
    draw_errors_table();
  }
}

}  // namespace lab::app
