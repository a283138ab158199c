#pragma once
// ImGui 1.86 widgets that do not tell the test hook their label (BeginCombo; InputInt with +/-
// buttons, whose text field is labelled ""), wrapped so that they do: browser tests then find a
// dropdown or a number field by its label like any other widget (ui.items, tests/e2e/ui.mjs).
#include "imgui.h"

namespace lab::app {

bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags = 0);
bool input_int(const char* label, int* v, int step = 1, int step_fast = 100, ImGuiInputTextFlags flags = 0);
// InputTextWithHint that also tells the test hook whether its field is wide enough for the
// hint (a cut placeholder reads as nonsense), so layout tests catch a field drawn too narrow.
bool input_text_with_hint(const char* label, const char* hint, char* buf, size_t size, ImGuiInputTextFlags flags = 0);

}  // namespace lab::app
