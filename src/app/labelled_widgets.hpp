#pragma once
// ImGui 1.86 widgets that do not tell the test hook their label (BeginCombo; InputInt with +/-
// buttons, whose text field is labelled ""), wrapped so that they do: browser tests then find a
// dropdown or a number field by its label like any other widget (ui.items, tests/e2e/ui.mjs).
#include "imgui.h"

namespace lab::app {

bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags = 0);
bool input_int(const char* label, int* v, int step = 1, int step_fast = 100, ImGuiInputTextFlags flags = 0);

}  // namespace lab::app
