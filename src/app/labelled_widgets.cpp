#include "app/labelled_widgets.hpp"

#include "app/ui_probe.hpp"
#include "imgui_internal.h"

namespace lab::app {
namespace {

void report_label(ImGuiID id, const char* label, ImGuiItemStatusFlags status) {
#ifdef IMGUI_ENABLE_TEST_ENGINE
  if (GImGui->TestEngineHookItems) ImGuiTestEngineHook_ItemInfo(GImGui, id, label, status);
#else
  (void)id, (void)label, (void)status;
#endif
}

}  // namespace

bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags) {
  ImGuiID id = ImGui::GetCurrentWindow()->GetIDNoKeepAlive(label);  // the id BeginCombo gives its box
  bool open = ImGui::BeginCombo(label, preview, flags);
  report_label(id, label, ImGuiItemStatusFlags_Openable | (open ? ImGuiItemStatusFlags_Opened : 0));
  return open;
}

bool input_int(const char* label, int* v, int step, int step_fast, ImGuiInputTextFlags flags) {
  // With step buttons, 1.86 draws the text field as InputText("") inside PushID(label), whose
  // id equals the label's. Take it without GetID's keep-alive: marking the field alive before
  // InputInt's group starts makes the group miss its active field (an ImGui check then fails).
  ImGuiID field = ImGui::GetCurrentWindow()->GetIDNoKeepAlive(label);
  bool changed = ImGui::InputInt(label, v, step, step_fast, flags);
  if (step > 0) report_label(field, label, 0);
  return changed;
}

bool input_text_with_hint(const char* label, const char* hint, char* buf, size_t size, ImGuiInputTextFlags flags) {
  const float field_w = ImGui::CalcItemWidth();  // what InputTextWithHint will use (SetNextItemWidth included)
  bool changed = ImGui::InputTextWithHint(label, hint, buf, size, flags);
  const float needed = ImGui::CalcTextSize(hint).x + 2 * ImGui::GetStyle().FramePadding.x;
  report_hint(ImGui::GetItemID(), hint, needed <= field_w + 0.5f);
  return changed;
}

}  // namespace lab::app
