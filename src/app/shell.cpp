#include "app/shell.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "app/panels/data_panel.hpp"
#include "app/theme.hpp"
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
  ctx.dispatcher.add("ui.items",
                     "test hook: widgets drawn in the last frame {text?, window?} -> {frame, scale, items: [{text, label, "
                     "window, rect, css, visible, enabled, checked, ...}], module: the module shown}",
                     [this, &ctx](const nlohmann::json& a) {
                       nlohmann::json reply = probe_.items_json(a.value("text", ""), a.value("window", ""), ctx.scale);
                       reply["module"] = selected_title();
                       return reply;
                     });
  ctx.dispatcher.add("ui.frame", "test hook: how many frames the shell has drawn", [this](const nlohmann::json&) {
    return nlohmann::json{{"frame", probe_.frame()}};
  });
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

const char* Shell::selected_title() const { return panels_[size_t(selected_)]->title(); }

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

namespace {
struct Rect {
  ImVec2 Min, Max;
};

// Paints the darker frame: everything outside the nav and module panels.
void paint_frame(const Rect& nav, const Rect& panel) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  ImU32 col = ImGui::GetColorU32(ImVec4(kFrameColor.r, kFrameColor.g, kFrameColor.b, 1.0f));
  float x0 = vp->Pos.x, y0 = vp->Pos.y, x1 = x0 + vp->Size.x, y1 = y0 + vp->Size.y;
  dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, panel.Min.y), col);          // above
  dl->AddRectFilled(ImVec2(x0, panel.Max.y), ImVec2(x1, y1), col);          // below, with the status bar
  dl->AddRectFilled(ImVec2(x0, panel.Min.y), ImVec2(nav.Min.x, panel.Max.y), col);   // left of the nav
  dl->AddRectFilled(ImVec2(nav.Max.x, panel.Min.y), ImVec2(panel.Min.x, panel.Max.y), col);  // between
  dl->AddRectFilled(ImVec2(panel.Max.x, panel.Min.y), ImVec2(x1, panel.Max.y), col);  // right
}
}  // namespace

// A module that failed while drawing says so instead of leaving a broken frame (see
// platform/web/main.cpp, which catches the exception and recovers ImGui's state).
void Shell::draw_error_banner(AppContext& ctx) {
  if (ctx.draw_error.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.45f, 1));
  ImGui::TextWrapped("%s", ctx.draw_error.c_str());
  ImGui::PopStyleColor();
  ImGui::TextWrapped("Your data and runs are not affected. Try another module or reload the page; if it happens again, "
                     "please report it with the message above.");
  if (ImGui::Button("Dismiss")) ctx.draw_error.clear();
  ImGui::Separator();
}

void Shell::draw(AppContext& ctx) {
  probe_.begin_frame();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  // No window background: the clear colour is the panels' colour, and only the frame around
  // them is painted (paint_frame), so each pixel is filled about once (see theme.hpp).
  ImGui::Begin("lab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
  float status_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  float nav_w = std::max(ImGui::GetFontSize() * 13.5f, vp->Size.x * 0.16f);
  ImGui::BeginChild("body", ImVec2(0, -status_h));
  draw_nav(ctx, nav_w);
  Rect nav{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};  // the nav child just ended
  ImGui::SameLine();
  ImGui::BeginChild("panel", ImVec2(0, 0), true);
  ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  paint_frame(nav, Rect{pos, ImVec2(pos.x + size.x, pos.y + size.y)});
  Panel& p = *panels_[size_t(selected_)];
  ImGui::SetWindowFontScale(1.35f);
  ImGui::Text("%d. %s", selected_ + 1, p.title());
  ImGui::SetWindowFontScale(1.0f);
  draw_error_banner(ctx);
  if (ctx.fail_next_draw) {  // test hook (ui.simulate_draw_error): fail half-way through a child
    ctx.fail_next_draw = false;
    ImGui::BeginChild("half-drawn");
    throw std::runtime_error("simulated failure (ui.simulate_draw_error)");
  }
  p.draw(ctx);
  ImGui::EndChild();
  ImGui::EndChild();
  ImGui::Separator();
  draw_status_bar(ctx);
  ImGui::End();
  probe_.end_frame();
}

}  // namespace lab::app
