#include "app/panels/registry_gates.hpp"

#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

void RegistryGates::draw(AppContext& ctx, const std::string& model, int version) {
  if (model != model_ || seen_version_ != ctx.session.store_version()) {
    model_ = model;
    seen_version_ = ctx.session.store_version();
    json g = ctx.run({{"cmd", "registry.gates"}, {"model", model}}, nullptr);
    gates_ = g.value("ok", false) ? g : json();
  }
  if (!gates_.is_object() || !ImGui::CollapsingHeader("Promotion gates")) return;
  ImGui::TextWrapped("Tests a version must pass before it may take @champion: its held-out metric, no regression "
                     "against the champion, the contract's examples, p99 latency and inputs marked irrelevant.");
  bool required = gates_["suite"].value("required", false);
  if (ImGui::Checkbox("require the gates before @champion", &required)) {
    error_.clear();
    ctx.run({{"cmd", "registry.gates.set"}, {"model", model}, {"required", required}}, &error_);
  }
  const std::string run_label = "Run the gates on v" + std::to_string(version);
  if (ImGui::Button(run_label.c_str())) {
    error_.clear();
    ctx.run({{"cmd", "registry.gates.run"}, {"model", model}, {"version", version}}, &error_);
  }
  error_box(error_);
  const std::string key = std::to_string(version);
  if (!gates_["reports"].contains(key)) {
    ImGui::TextDisabled("v%d has not been through the gates yet.", version);
    return;
  }
  const json& report = gates_["reports"][key];
  const bool passed = report["passed"].get<bool>();
  ImGui::TextColored(passed ? ImVec4(0.5f, 0.8f, 0.5f, 1) : ImVec4(0.95f, 0.45f, 0.35f, 1), "v%d %s", version,
                     passed ? "passed every gate that ran." : "failed a gate: it cannot take @champion while the gates are required.");
  if (ImGui::BeginTable("gates", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("test", ImGuiTableColumnFlags_WidthStretch, 3.2f);  // titles fit one line at 1280 px
    ImGui::TableSetupColumn("result", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4.5f);
    ImGui::TableSetupColumn("measured", ImGuiTableColumnFlags_WidthStretch, 2.8f);
    ImGui::TableHeadersRow();
    for (const auto& r : report["results"]) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", r["title"].get<std::string>().c_str());
      ImGui::TableNextColumn();
      const std::string status = r["status"];
      ImVec4 col = status == "passed" ? ImVec4(0.5f, 0.8f, 0.5f, 1) : status == "failed" ? ImVec4(0.95f, 0.45f, 0.35f, 1)
                                                                                          : ImVec4(0.6f, 0.6f, 0.6f, 1);
      ImGui::TextColored(col, "%s", status.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", r["detail"].get<std::string>().c_str());
    }
    ImGui::EndTable();
  }
}

void RegistryGates::draw_override(AppContext& ctx, const std::string& model, int version, const std::string& comment,
                                  std::string& error) {
  if (error.find("failed the promotion gates") == std::string::npos) return;
  const std::string label = "Promote v" + std::to_string(version) + " anyway (recorded in the history)";
  if (ImGui::Button(label.c_str())) {
    std::string e;
    json r = ctx.run({{"cmd", "registry.set_alias"}, {"model", model}, {"alias", "champion"}, {"version", version},
                      {"comment", comment}, {"override", true}},
                     &e);
    error = r.value("ok", false) ? "" : e;
  }
}

}  // namespace lab::app
