#include "app/ui_probe.hpp"

#include <algorithm>
#include <cctype>
#include <cstdarg>

#include "imgui.h"
#include "imgui_internal.h"

namespace lab::app {

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
bool is_hex_suffix(const std::string& s, size_t from) {
  if (s.size() - from != 8) return false;
  for (size_t i = from; i < s.size(); ++i)
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}
UiProbe* probe_of(ImGuiContext* ctx) { return ctx ? static_cast<UiProbe*>(ctx->TestEngine) : nullptr; }
nlohmann::json rect_json(const ProbeRect& r, float s) {
  return {{"x", r.x0 / s}, {"y", r.y0 / s}, {"w", (r.x1 - r.x0) / s}, {"h", (r.y1 - r.y0) / s}};
}
}  // namespace

std::string display_text(const std::string& label) {
  size_t hash = label.find("##");
  return hash == std::string::npos ? label : label.substr(0, hash);
}

std::string readable_window_name(const std::string& name) {
  // ImGui names a child "<parent>/<name>_<8 hex digits of its id>".
  std::string out;
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = name.find('/', start);
    std::string part = name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    size_t us = part.rfind('_');
    if (us != std::string::npos && is_hex_suffix(part, us + 1)) part.resize(us);
    out += (out.empty() ? "" : "/") + part;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

UiProbe::~UiProbe() {
  // Only unhook a context that is still alive and ours; a destroyed one took its hooks along.
  if (GImGui && GImGui == installed_ && GImGui->TestEngine == this) {
    GImGui->TestEngine = nullptr;
    GImGui->TestEngineHookItems = false;
  }
}

void UiProbe::begin_frame() {
  ImGuiContext* g = GImGui;
  if (!g) return;
  if (installed_ != g || g->TestEngine != this) {
    g->TestEngine = this;
    g->TestEngineHookItems = true;
    installed_ = g;
  }
  current_.clear();
  current_index_.clear();
  recording_ = true;
}

void UiProbe::end_frame() {
  if (!recording_) return;
  recording_ = false;
  for (ProbeItem& item : current_) {
    if (item.has_label) continue;
    auto known = known_labels_.find(item.id);
    if (known == known_labels_.end()) continue;
    item.label = known->second.first;
    item.text = display_text(item.label);
    item.status = known->second.second;
    item.has_label = true;
  }
  last_.swap(current_);
  current_.clear();
  current_index_.clear();
  ++completed_frames_;
}

void UiProbe::item_add(ImGuiContext& g, const float bb[4], uint32_t id) {
  if (!recording_ || !g.CurrentWindow) return;
  ImGuiWindow* w = g.CurrentWindow;
  ProbeItem item;
  item.id = id;
  item.rect = {bb[0], bb[1], bb[2], bb[3]};
  item.clip = {w->ClipRect.Min.x, w->ClipRect.Min.y, w->ClipRect.Max.x, w->ClipRect.Max.y};
  item.window = readable_window_name(w->Name);
  item.visible = w->Active && !w->Hidden && item.rect.x1 > item.clip.x0 && item.rect.x0 < item.clip.x1 &&
                 item.rect.y1 > item.clip.y0 && item.rect.y0 < item.clip.y1;
  item.enabled = (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) == 0;
  auto it = current_index_.find(id);
  if (it != current_index_.end()) {
    // The same id laid out twice in one frame (e.g. a child window's item): keep the latest.
    item.label = current_[it->second].label;
    item.text = current_[it->second].text;
    item.has_label = current_[it->second].has_label;
    current_[it->second] = std::move(item);
    return;
  }
  current_index_[id] = current_.size();
  current_.push_back(std::move(item));
}

void UiProbe::item_info(uint32_t id, const char* label, int status) {
  if (!recording_) return;
  auto it = current_index_.find(id);
  if (it == current_index_.end()) {
    // A tab item reports its label before it lays itself out: end_frame() gives it this label.
    if (label && known_labels_.size() < 50000) known_labels_[id] = {label, status};
    return;
  }
  ProbeItem& item = current_[it->second];
  item.label = label ? label : "";
  item.text = display_text(item.label);
  item.has_label = true;
  item.status = status;
  if (known_labels_.size() > 50000) known_labels_.clear();  // bounded: a long session's many rows
  known_labels_[id] = {item.label, status};
}

void UiProbe::item_hint(uint32_t id, const char* hint, bool fits) {
  if (!recording_) return;
  auto it = current_index_.find(id);
  if (it == current_index_.end()) return;
  current_[it->second].hint = hint ? hint : "";
  current_[it->second].hint_fits = fits;
}

void report_hint(uint32_t id, const char* hint, bool fits) {
  if (UiProbe* p = probe_of(GImGui)) p->item_hint(id, hint, fits);
}

const char* UiProbe::debug_label(uint32_t id) const {
  for (const auto* frame : {&current_, &last_})
    for (const ProbeItem& item : *frame)
      if (item.id == id && item.has_label) return item.label.c_str();
  return nullptr;
}

nlohmann::json UiProbe::items_json(const std::string& text, const std::string& window, float scale) const {
  float s = scale > 0 ? scale : 1.0f;
  std::string want_text = lower(text), want_window = lower(window);
  nlohmann::json list = nlohmann::json::array();
  for (const ProbeItem& item : last_) {
    if (!item.has_label) continue;  // ids without a label (child windows, invisible hit areas)
    if (!want_text.empty() && lower(item.text).find(want_text) == std::string::npos &&
        lower(item.label).find(want_text) == std::string::npos)
      continue;
    if (!want_window.empty() && lower(item.window).find(want_window) == std::string::npos) continue;
    list.push_back({{"id", item.id},
                    {"label", item.label},
                    {"text", item.text},
                    {"window", item.window},
                    {"rect", rect_json(item.rect, 1.0f)},
                    {"css", rect_json(item.rect, s)},
                    {"clip_css", rect_json(item.clip, s)},
                    {"visible", item.visible},
                    {"enabled", item.enabled},
                    {"checkable", (item.status & ImGuiItemStatusFlags_Checkable) != 0},
                    {"checked", (item.status & ImGuiItemStatusFlags_Checked) != 0},
                    {"openable", (item.status & ImGuiItemStatusFlags_Openable) != 0},
                    {"opened", (item.status & ImGuiItemStatusFlags_Opened) != 0}});
    if (!item.hint.empty()) list.back()["hint"] = item.hint, list.back()["hint_fits"] = item.hint_fits;
  }
  return {{"frame", completed_frames_}, {"scale", s}, {"items", std::move(list)}};
}

}  // namespace lab::app

// ImGui's test-engine hooks (imgui_internal.h), routed to the probe installed on the context.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
  if (lab::app::UiProbe* p = lab::app::probe_of(ctx)) {
    const float r[4] = {bb.Min.x, bb.Min.y, bb.Max.x, bb.Max.y};
    p->item_add(*ctx, r, id);
  }
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  if (lab::app::UiProbe* p = lab::app::probe_of(ctx)) p->item_info(id, label, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext* ctx, ImGuiID id) {
  lab::app::UiProbe* p = lab::app::probe_of(ctx);
  return p ? p->debug_label(id) : nullptr;
}

namespace lab::app {

nlohmann::json UiProbe::scrolls_json(const std::string& window) {
  nlohmann::json list = nlohmann::json::array();
  const ImGuiContext* g = ImGui::GetCurrentContext();
  if (!g) return list;
  const std::string want = lower(window);
  for (const ImGuiWindow* w : g->Windows) {
    if (!w->WasActive || w->Hidden) continue;
    const std::string name = readable_window_name(w->Name);
    if (lower(name).find(want) == std::string::npos) continue;
    list.push_back({{"window", name}, {"scroll_y", w->Scroll.y}, {"scroll_max_y", w->ScrollMax.y}});
  }
  return list;
}

}  // namespace lab::app
