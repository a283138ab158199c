#include "app/shell.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "app/panels/data_panel.hpp"
#include "app/panels/evaluate_panel.hpp"
#include "app/panels/explore_panel.hpp"
#include "app/panels/registry_panel.hpp"
#include "app/panels/runs_panel.hpp"
#include "app/panels/serve_panel.hpp"
#include "app/panels/train_panel.hpp"
#include "imgui.h"

namespace lab::app {

Shell::Shell() {
  // Only modules that work are listed; the workshop's later modules join as they land.
  panels_.push_back(std::make_unique<DataPanel>());
  panels_.push_back(std::make_unique<ExplorePanel>());
  panels_.push_back(std::make_unique<TrainPanel>());
  panels_.push_back(std::make_unique<RunsPanel>());
  panels_.push_back(std::make_unique<EvaluatePanel>());
  panels_.push_back(std::make_unique<RegistryPanel>());
  panels_.push_back(std::make_unique<ServePanel>());
}
Shell::~Shell() = default;

void Shell::attach(AppContext& ctx) {
  for (auto& p : panels_) p->attach(ctx);
}

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

bool Shell::select_by_title(const std::string& title) {
  for (size_t i = 0; i < panels_.size(); ++i)
    if (lower(panels_[i]->title()) == lower(title)) { selected_ = int(i); return true; }
  return false;
}

std::string Shell::titles() const {
  std::string out;
  for (const auto& p : panels_) out += (out.empty() ? "" : ", ") + lower(p->title());
  return out;
}

void Shell::draw_nav(AppContext& ctx, float width) {
  ImGui::BeginChild("nav", ImVec2(width, 0), true);
  ImGui::SetWindowFontScale(1.25f);
  ImGui::TextUnformatted("mlops-lab");
  ImGui::SetWindowFontScale(1.0f);
  ImGui::TextDisabled("ML and MLOps workshop");
  ImGui::Separator();
  ImGui::Spacing();
  for (size_t i = 0; i < panels_.size(); ++i) {
    char label[96];
    std::snprintf(label, sizeof label, "%zu. %s##nav%zu", i + 1, panels_[i]->title(), i);
    float h = ImGui::GetTextLineHeightWithSpacing() * 2.1f;
    if (ImGui::Selectable(label, selected_ == int(i), 0, ImVec2(0, h))) selected_ = int(i);
    // The subtitle sits in the selectable's second line.
    ImVec2 min = ImGui::GetItemRectMin();
    ImGui::GetWindowDrawList()->AddText(ImVec2(min.x + ImGui::GetFontSize() * 1.2f, min.y + ImGui::GetTextLineHeightWithSpacing()),
                                        ImGui::GetColorU32(ImGuiCol_TextDisabled), panels_[i]->subtitle());
  }
  ImGui::EndChild();
}

void Shell::draw_status_bar(AppContext& ctx) {
  const StorageStatus& st = ctx.storage;
  ImVec4 color(0.6f, 0.8f, 0.6f, 1);
  std::string text;
  switch (st.state) {
    case StorageStatus::State::Loading: text = "Storage: loading saved runs..."; break;
    case StorageStatus::State::Saved: text = "Storage: all runs saved in this browser (IndexedDB)"; break;
    case StorageStatus::State::Pending:
    case StorageStatus::State::Saving: text = "Storage: saving..."; color = ImVec4(0.9f, 0.8f, 0.4f, 1); break;
    case StorageStatus::State::Unavailable: text = "Storage: " + st.message; color = ImVec4(0.95f, 0.6f, 0.3f, 1); break;
    case StorageStatus::State::Error: text = "Storage error: " + st.message; color = ImVec4(1.0f, 0.45f, 0.4f, 1); break;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine();
  size_t n = ctx.session.runs().size();
  ImGui::TextDisabled("|  %zu run%s", n, n == 1 ? "" : "s");
  char version[64];
  std::snprintf(version, sizeof version, "mlops-lab %s", lab_version());
  float w = ImGui::CalcTextSize(version).x;
  ImGui::SameLine(ImGui::GetWindowWidth() - w - ImGui::GetStyle().WindowPadding.x);
  ImGui::TextDisabled("%s", version);
}

void Shell::draw(AppContext& ctx) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("lab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings);
  float status_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  float nav_w = std::max(ImGui::GetFontSize() * 13.5f, vp->Size.x * 0.16f);
  ImGui::BeginChild("body", ImVec2(0, -status_h));
  draw_nav(ctx, nav_w);
  ImGui::SameLine();
  ImGui::BeginChild("panel", ImVec2(0, 0), true);
  Panel& p = *panels_[size_t(selected_)];
  ImGui::SetWindowFontScale(1.35f);
  ImGui::Text("%d. %s", selected_ + 1, p.title());
  ImGui::SetWindowFontScale(1.0f);
  p.draw(ctx);
  ImGui::EndChild();
  ImGui::EndChild();
  ImGui::Separator();
  draw_status_bar(ctx);
  ImGui::End();
}

}  // namespace lab::app
