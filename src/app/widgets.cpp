#include "app/widgets.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <map>

#include "core/serve/contract_target.hpp"  // class_meanings
#include "imgui.h"
#include "imgui_internal.h"  // the test-engine item hook macro

namespace lab::app {

void section_title(const char* text) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotLinesHovered));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::Separator();
}

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void wrapped_colored(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void wrapped_disabled(const std::string& text) { wrapped_colored(ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), text); }

void error_box(const std::string& msg) {
  if (msg.empty()) return;
  wrapped_colored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), msg);
}

void big_metric(const char* label, const char* value, const char* hint) {
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", label);
  ImGui::SetWindowFontScale(1.6f);
  ImGui::TextUnformatted(value);
  ImGui::SetWindowFontScale(1.0f);
  ImGui::EndGroup();
  if (hint && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hint);
}

void same_line_if_fits(float item_width, float spacing) {
  float line_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
  if (line_end + spacing + item_width <= ImGui::GetWindowContentRegionMax().x) ImGui::SameLine(0, spacing);
}

void flow_text(const std::vector<std::string>& pieces, float spacing) {
  if (spacing < 0) spacing = ImGui::GetFontSize() * 1.2f;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0) same_line_if_fits(ImGui::CalcTextSize(pieces[i].c_str()).x, spacing);
    ImGui::TextUnformatted(pieces[i].c_str());
  }
}

float labelled_width(float w, const char* label) {
  const char* end = ImGui::FindRenderedTextEnd(label);
  return w + (end == label ? 0 : ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, end).x);
}

std::vector<std::string> class_display_names(const std::string& description, const std::vector<std::string>& classes) {
  const std::map<std::string, std::string> meanings = class_meanings(description, classes);
  std::vector<std::string> out;
  for (const auto& c : classes) {
    auto it = meanings.find(c);
    const bool number = !c.empty() && c.find_first_not_of("-+0123456789.") == std::string::npos;
    out.push_back(number && it != meanings.end() ? it->second + " (" + c + ")" : c);
  }
  return out;
}

float button_width(const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2; }

std::string format_number(double v) {
  char buf[64];
  if (std::isnan(v)) return "-";
  if (std::fabs(v) < 100 || std::fabs(v) >= 1e15) {
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.0f", std::fabs(v));
  std::string digits = buf, out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}

std::string short_hash(const std::string& h) { return h.size() > 12 ? h.substr(0, 12) : h; }

std::string format_time_ms(int64_t ms) {
  std::time_t t = std::time_t(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

}  // namespace lab::app
