#pragma once
// Small shared UI pieces so panels look and behave alike.
#include <string>
#include <vector>

#include "app/labelled_widgets.hpp"  // begin_combo, input_int: widgets the test hook finds by label

namespace lab::app {

void section_title(const char* text);
void help_marker(const char* text);      // a (?) that shows text on hover
void error_box(const std::string& msg);  // red, wrapped; nothing when msg is empty
void wrapped_colored(const ImVec4& color, const std::string& text);
void wrapped_disabled(const std::string& text);  // a greyed note that wraps at the window edge
void big_metric(const char* label, const char* value, const char* hint);
// Continues the current line only if an item this wide still fits; otherwise starts a new line.
void same_line_if_fits(float item_width, float spacing);
// Pieces of text ("F1 0.81", "requests 12") on one line while they fit, the rest on the next
// lines; a piece is never broken, so a label stays with its number at any window width.
void flow_text(const std::vector<std::string>& pieces, float spacing = -1);
// The width a labelled widget (combo, text field, slider) of item width `w` takes with its label.
float labelled_width(float w, const char* label);
float button_width(const char* label);
// Numbers as people read them: 14,100 and 68,860 rather than 1.41e+04; 0.3005 for small ones.
std::string format_number(double v);
std::string short_hash(const std::string& h);  // first 12 hex chars
// Class names for charts and legends: a numbered class whose meaning the target's description
// states ("1 = loan approved, 0 = declined") gets it in front: "0" -> "declined (0)". Words
// ("Yes", "setosa") and classes without a stated meaning stay as they are.
std::vector<std::string> class_display_names(const std::string& description, const std::vector<std::string>& classes);
std::string format_time_ms(int64_t ms);        // "2026-11-23 06:34:11" UTC

}  // namespace lab::app
