#pragma once
// Small shared UI pieces so panels look and behave alike.
#include <string>

namespace lab::app {

void section_title(const char* text);
void help_marker(const char* text);      // a (?) that shows text on hover
// ImGui::BeginCombo that also reports its label to the test hook (ImGui 1.86's combo does not),
// so browser tests find the combo by label. Pair with ImGui::EndCombo as usual.
bool begin_combo(const char* label, const char* preview, int flags = 0);
void error_box(const std::string& msg);  // red, wrapped; nothing when msg is empty
void big_metric(const char* label, const char* value, const char* hint);
// Continues the current line only if an item this wide still fits; otherwise starts a new line.
void same_line_if_fits(float item_width, float spacing);
float button_width(const char* label);
// Numbers as people read them: 14,100 and 68,860 rather than 1.41e+04; 0.3005 for small ones.
std::string format_number(double v);
std::string short_hash(const std::string& h);  // first 12 hex chars
std::string format_time_ms(int64_t ms);        // "2026-11-23 06:34:11" UTC

}  // namespace lab::app
