#include "app/shell.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "app/panels/automl_panel.hpp"
#include "app/panels/data_panel.hpp"
#include "app/theme.hpp"
#include "app/widgets.hpp"
#include "app/panels/evaluate_panel.hpp"
#include "app/panels/explain_panel.hpp"
#include "app/panels/explore_panel.hpp"
#include "app/panels/guide_panel.hpp"
#include "app/panels/jobs_panel.hpp"
#include "app/panels/monitor_panel.hpp"
#include "app/panels/registry_panel.hpp"
#include "app/panels/room_panel.hpp"
#include "app/panels/runs_panel.hpp"
#include "app/panels/serve_panel.hpp"
#include "app/panels/train_panel.hpp"
#include "app/panels/tune_panel.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // HoveredIdTimer (tooltip delay), BeginChildEx (one child per module)

namespace lab::app {

Shell::Shell() {
  // Only modules that work are listed; the workshop's later modules join as they land.
  panels_.push_back(std::make_unique<DataPanel>());
  panels_.push_back(std::make_unique<ExplorePanel>());
  panels_.push_back(std::make_unique<TrainPanel>());
  panels_.push_back(std::make_unique<TunePanel>());
  panels_.push_back(std::make_unique<AutomlPanel>());
  panels_.push_back(std::make_unique<RunsPanel>());
  panels_.push_back(std::make_unique<EvaluatePanel>());
  panels_.push_back(std::make_unique<ExplainPanel>());
  panels_.push_back(std::make_unique<RegistryPanel>());
  panels_.push_back(std::make_unique<ServePanel>());
  panels_.push_back(std::make_unique<MonitorPanel>());
  panels_.push_back(std::make_unique<JobsPanel>());
  panels_.push_back(std::make_unique<RoomPanel>());
  guide_ = std::make_unique<GuidePanel>();
}
Shell::~Shell() = default;

void Shell::attach(AppContext& ctx) {
  for (auto& p : panels_) p->attach(ctx);
  guide_->attach(ctx);
  navigator_.attach(ctx);
  ctx.dispatcher.add("ui.items",
                     "test hook: widgets drawn in the last frame {text?, window?} -> {frame, scale, items: [{text, label, "
                     "window, rect, css, visible, enabled, checked, ...}], module: the module shown}",
                     [this, &ctx](const nlohmann::json& a) {
                       nlohmann::json reply = probe_.items_json(a.value("text", ""), a.value("window", ""), ctx.scale);
                       reply["module"] = selected_title();
                       return reply;
                     });
  ctx.dispatcher.add("ui.scrolls",
                     "test hook: windows shown {window?} -> {windows: [{window, scroll_y, scroll_max_y}]} (pixels)",
                     [](const nlohmann::json& a) {
                       return nlohmann::json{{"windows", UiProbe::scrolls_json(a.value("window", ""))}};
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

void Shell::show_guide() { guide_->set_collapsed(false); }

const char* Shell::selected_title() const { return panels_[size_t(selected_)]->title(); }

std::string Shell::titles() const {
  std::string out;
  for (const auto& p : panels_) out += (out.empty() ? "" : ", ") + lower(p->title());
  return out;
}

void Shell::draw_nav(AppContext& ctx, float width) {
  ImGui::BeginChild("nav", ImVec2(width, 0), true, ImGuiWindowFlags_NavFlattened);  // Tab crosses into the module
  ImGui::SetWindowFontScale(1.25f);
  ImGui::TextUnformatted("mlops-lab");
  ImGui::SetWindowFontScale(1.0f);
  ImGui::TextDisabled("ML and MLOps workshop");
  ImGui::Separator();
  ImGui::Spacing();
  // Each module with its subtitle on a second line when every one fits; otherwise (a short
  // window, many modules) one line each, the subtitle on hover, so none is cut off.
  const float two_lines = ImGui::GetTextLineHeightWithSpacing() * 2.1f;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const bool subtitles = panels_.size() * (two_lines + spacing) <= ImGui::GetContentRegionAvail().y;
  for (size_t i = 0; i < panels_.size(); ++i) {
    char label[96];
    std::snprintf(label, sizeof label, "%zu. %s##nav%zu", i + 1, panels_[i]->title(), i);
    const float h = subtitles ? two_lines : ImGui::GetTextLineHeightWithSpacing() * 1.2f;
    if (ImGui::Selectable(label, selected_ == int(i), 0, ImVec2(0, h))) selected_ = int(i);
    if (!subtitles) {
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", panels_[i]->subtitle());
      continue;
    }
    ImVec2 min = ImGui::GetItemRectMin();
    ImGui::GetWindowDrawList()->AddText(ImVec2(min.x + ImGui::GetFontSize() * 1.2f, min.y + ImGui::GetTextLineHeightWithSpacing()),
                                        ImGui::GetColorU32(ImGuiCol_TextDisabled), panels_[i]->subtitle());
  }
  ImGui::EndChild();
}

// Narrow windows (the lab beside a guide, a small laptop): the modules as one strip of entries
// above the panel, wrapped onto more rows when they do not fit, so the panel keeps the width.
// Same labels and window name as the column, so tests and muscle memory find them alike.
void Shell::draw_nav_strip(AppContext& ctx) {
  const ImGuiStyle& st = ImGui::GetStyle();
  std::vector<std::string> labels;
  std::vector<float> widths;
  for (size_t i = 0; i < panels_.size(); ++i) {
    char label[96];
    std::snprintf(label, sizeof label, "%zu. %s##nav%zu", i + 1, panels_[i]->title(), i);
    labels.push_back(label);
    widths.push_back(ImGui::CalcTextSize(label, nullptr, true).x + st.FramePadding.x * 2);
  }
  // Rows needed at this width, to size the child exactly.
  float avail = ImGui::GetContentRegionAvail().x - st.WindowPadding.x * 2;
  int rows = 1;
  for (float x = 0; float w : widths) {
    if (x > 0 && x + st.ItemSpacing.x + w > avail) { ++rows; x = 0; }
    x += (x > 0 ? st.ItemSpacing.x : 0) + w;
  }
  float row_h = ImGui::GetFrameHeight();
  ImGui::BeginChild("nav", ImVec2(0, rows * row_h + (rows - 1) * st.ItemSpacing.y + st.WindowPadding.y * 2), true,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
  float x = 0;
  for (size_t i = 0; i < panels_.size(); ++i) {
    if (i > 0) {
      if (x + st.ItemSpacing.x + widths[i] > avail) x = 0;
      else { ImGui::SameLine(); x += st.ItemSpacing.x; }
    }
    x += widths[i];
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.5f, 0.5f));
    if (ImGui::Selectable(labels[i].c_str(), selected_ == int(i), 0, ImVec2(widths[i], row_h))) selected_ = int(i);
    ImGui::PopStyleVar();
    // After a moment's hover only: an instant tooltip would cover the neighbouring entries.
    if (ImGui::IsItemHovered() && ImGui::GetCurrentContext()->HoveredIdTimer > 0.6f)
      ImGui::SetTooltip("%s", panels_[i]->subtitle());
  }
  ImGui::EndChild();
}

namespace {
// How many cores the tab's searches use (site.threads, once the page has said which build it
// loaded), and when one, why: the whole reason where it fits before `right` (the version), else
// its first part; the whole reason on hover.
// Returns whether it drew anything.
bool draw_threads_note(AppContext& ctx, float right) {
  const nlohmann::json t = ctx.dispatcher.handle({{"cmd", "site.threads"}});
  if (!t.value("ok", false) || t.value("build", std::string()).empty()) return false;
  const int threads = t.value("threads", 1);
  const std::string reason = t.value("reason", std::string());
  ImGui::SameLine();
  if (threads > 1) {
    ImGui::TextDisabled("|  %d cores", threads);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Tune and AutoML run trials on %d threads at once.", threads);
    return true;
  }
  const std::string whole = "|  one core: " + reason;
  const std::string head = "|  one core: " + reason.substr(0, reason.find(" ("));
  const float room = right - ImGui::GetCursorPosX();
  const std::string& text = ImGui::CalcTextSize(whole.c_str()).x <= room ? whole
                            : ImGui::CalcTextSize(head.c_str()).x <= room ? head
                                                                          : std::string("|  one core");
  ImGui::TextDisabled("%s", text.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Tune and AutoML run one trial at a time: %s.", reason.c_str());
  return true;
}
}  // namespace

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
  size_t n = ctx.session.run_count();  // rereads nothing while a run logs its steps
  ImGui::TextDisabled("|  %zu run%s", n, n == 1 ? "" : "s");
  if (ctx.site && ctx.site->offline_ready) {
    ImGui::SameLine();
    ImGui::TextDisabled("|  works offline");
  }
  char version[64];
  std::snprintf(version, sizeof version, "mlops-lab %s", lab_version());
  float w = ImGui::CalcTextSize(version).x;
  const float version_x = ImGui::GetWindowWidth() - w - ImGui::GetStyle().WindowPadding.x;
  // The cores note comes before the version; in a narrow window the version gives way to it.
  if (draw_threads_note(ctx, version_x - ImGui::GetFontSize()) && ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x > version_x - ImGui::GetFontSize())
    return;
  ImGui::SameLine(version_x);
  ImGui::TextDisabled("%s", version);
}

// A newer version of the site was installed in the background (service worker): a one-line band
// above everything offers to switch. Never mid-training: the button waits for the run to end
// (site.reload refuses then as well).
void Shell::draw_update_offer(AppContext& ctx) {
  if (!ctx.site || !ctx.site->update_available) return;
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImVec4(0.55f, 0.8f, 1.0f, 1), "A new version of the lab is ready.");
  ImGui::SameLine();
  const bool training = ctx.session.training().state == TrainState::Running;
  ImGui::BeginDisabled(training);
  if (ImGui::Button("Reload to update")) {
    std::string error;
    ctx.run({{"cmd", "site.reload"}}, &error);
  }
  ImGui::EndDisabled();
  if (training) {
    ImGui::SameLine();
    ImGui::TextDisabled("(after the training run)");
  }
}

namespace {
struct Rect {
  ImVec2 Min, Max;
};

// Paints the darker frame: everything outside the nav and module panels (nav left of the panel).
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
// The same with the nav strip above the panel (narrow windows).
void paint_frame_stacked(const Rect& nav, const Rect& panel) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  ImU32 col = ImGui::GetColorU32(ImVec4(kFrameColor.r, kFrameColor.g, kFrameColor.b, 1.0f));
  float x0 = vp->Pos.x, y0 = vp->Pos.y, x1 = x0 + vp->Size.x, y1 = y0 + vp->Size.y;
  dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, nav.Min.y), col);                      // above the strip
  dl->AddRectFilled(ImVec2(x0, nav.Min.y), ImVec2(nav.Min.x, nav.Max.y), col);         // left of it
  dl->AddRectFilled(ImVec2(nav.Max.x, nav.Min.y), ImVec2(x1, nav.Max.y), col);         // right of it
  dl->AddRectFilled(ImVec2(x0, nav.Max.y), ImVec2(x1, panel.Min.y), col);              // between
  dl->AddRectFilled(ImVec2(x0, panel.Min.y), ImVec2(panel.Min.x, panel.Max.y), col);   // left of the panel
  dl->AddRectFilled(ImVec2(panel.Max.x, panel.Min.y), ImVec2(x1, panel.Max.y), col);  // right of it
  dl->AddRectFilled(ImVec2(x0, panel.Max.y), ImVec2(x1, y1), col);                     // below, with the status bar
}
}  // namespace

// A module that failed while drawing says so instead of leaving a broken frame (see
// platform/web/main.cpp, which catches the exception and recovers ImGui's state).
void Shell::draw_error_banner(AppContext& ctx) {
  if (!navigator_.problem().empty()) {  // a link that could not be opened (nav.open)
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.75f, 0.45f, 1));
    ImGui::TextWrapped("%s", navigator_.problem().c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button("Dismiss##link")) navigator_.dismiss_problem();
    ImGui::Separator();
  }
  if (ctx.draw_error.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.45f, 1));
  ImGui::TextWrapped("%s", ctx.draw_error.c_str());
  ImGui::PopStyleColor();
  ImGui::TextWrapped("Your data and runs are not affected. Try another module or reload the page; if it happens again, "
                     "please report it with the message above.");
  if (ImGui::Button("Dismiss")) ctx.draw_error.clear();
  ImGui::Separator();
}

void Shell::draw_guide(AppContext& ctx, const ImVec2& size) {
  guide_->set_compact(size.x == 0);  // a full-width band below the module
  ImGui::BeginChild("guide", size, true, ImGuiWindowFlags_NavFlattened);
  if (guide_->collapsed()) guide_->draw_collapsed(ctx);
  else guide_->draw(ctx, [this](const std::string& module) { return select_by_title(module); });
  ImGui::EndChild();
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
  draw_update_offer(ctx);
  float status_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  float nav_w = std::max(ImGui::GetFontSize() * 13.5f, vp->Size.x * 0.16f);
  // Below about 1,000 px (at scale 1) a nav column would leave the modules too narrow.
  // The open guide takes a column of about 17 em in wide windows: the modules need that much more.
  bool compact = vp->Size.x < ImGui::GetFontSize() * (kCompactWidthEm + (guide_->collapsed() ? 0.0f : kGuideWidthEm));
  ImGui::BeginChild("body", ImVec2(0, -status_h), false, ImGuiWindowFlags_NavFlattened);
  if (compact) draw_nav_strip(ctx);
  else draw_nav(ctx, nav_w);
  Rect nav{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};  // the nav child just ended
  if (!compact) ImGui::SameLine();
  Panel& p = *panels_[size_t(selected_)];
  // One child window per module, so each keeps its own scroll position: coming back to Data
  // lands where it was left, not at another module's offset.
  ImGui::PushID(p.title());
  ImGuiID panel_id = ImGui::GetID("panel");
  ImGui::PopID();
  // The Guide takes a column on the right (wide windows) or a band below (narrow ones, where the
  // module keeps the whole width); collapsed, a one-button strip.
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float fs = ImGui::GetFontSize();
  ImVec2 guide_size;
  if (compact)
    guide_size = ImVec2(0, guide_->collapsed() ? ImGui::GetFrameHeightWithSpacing() + fs * 0.6f
                                               : std::max(fs * 10.0f, ImGui::GetContentRegionAvail().y * 0.38f));
  else
    guide_size = ImVec2(guide_->collapsed() ? button_width("Show guide") + fs * 1.2f
                                            : std::clamp(vp->Size.x * 0.25f, fs * kGuideWidthEm, fs * 24.0f), 0);
  const ImVec2 module_size = compact ? ImVec2(0, -(guide_size.y + ImGui::GetStyle().ItemSpacing.y)) : ImVec2(-(guide_size.x + gap), 0);
  ImGui::BeginChildEx("panel", panel_id, module_size, true, ImGuiWindowFlags_NavFlattened);
  ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  // The frame is painted around the module and the guide together.
  Rect panel_rect{pos, ImVec2(pos.x + size.x + (compact ? 0 : gap + guide_size.x),
                              pos.y + size.y + (compact ? ImGui::GetStyle().ItemSpacing.y + guide_size.y : 0))};
  if (compact) paint_frame_stacked(nav, panel_rect);
  else paint_frame(nav, panel_rect);
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
  if (!compact) ImGui::SameLine(0, gap);
  draw_guide(ctx, guide_size);
  ImGui::EndChild();
  ImGui::Separator();
  draw_status_bar(ctx);
  ImGui::End();
  probe_.end_frame();
}

}  // namespace lab::app
