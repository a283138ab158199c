#include "app/plot/heatmap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/plot/palette.hpp"
#include "imgui.h"

namespace lab::plot {

void correlation_heatmap(const char* id, const std::vector<std::string>& names, const std::vector<double>& values,
                         float max_size) {
  size_t k = names.size();
  if (k == 0) return;
  ImGui::PushID(id);
  // Rows are labelled "3  credit_score"; columns carry just the number, to save width.
  std::vector<std::string> labels;
  for (size_t i = 0; i < k; ++i) labels.push_back(names[i] + "  " + std::to_string(i + 1));
  float label_w = 0;
  for (const auto& n : labels) label_w = std::max(label_w, ImGui::CalcTextSize(n.c_str()).x);
  label_w += ImGui::GetFontSize() * 0.6f;
  float avail = std::min(ImGui::GetContentRegionAvail().x - label_w, max_size);
  float cell = std::max(ImGui::GetFontSize() * 1.6f, avail / float(k));
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImVec2 size(label_w + cell * float(k), cell * float(k) + ImGui::GetFontSize() * 1.5f);
  ImGui::InvisibleButton("heatmap", size);
  bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 origin(p0.x + label_w, p0.y);
  char buf[16];
  const float value_scale = 0.8f;  // cell values in a smaller font so they fit more often
  bool show_values = ImGui::CalcTextSize("-0.00").x * value_scale < cell - 4;
  for (size_t i = 0; i < k; ++i) {
    ImVec2 ts = ImGui::CalcTextSize(labels[i].c_str());
    dl->AddText(ImVec2(origin.x - ts.x - ImGui::GetFontSize() * 0.3f, origin.y + cell * (float(i) + 0.5f) - ts.y * 0.5f),
                ImGui::GetColorU32(ImGuiCol_Text), labels[i].c_str());
    for (size_t j = 0; j < k; ++j) {
      double v = values[i * k + j];
      ImVec2 a(origin.x + cell * float(j), origin.y + cell * float(i));
      dl->AddRectFilled(a, ImVec2(a.x + cell - 1, a.y + cell - 1), diverging_color(v));
      if (show_values && !std::isnan(v)) {
        std::snprintf(buf, sizeof buf, "%.2f", v);
        ImVec2 vs = ImGui::CalcTextSize(buf);
        vs.x *= value_scale;
        vs.y *= value_scale;
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * value_scale,
                    ImVec2(a.x + (cell - vs.x) * 0.5f, a.y + (cell - vs.y) * 0.5f), IM_COL32(20, 20, 20, 255), buf);
      }
    }
  }
  // Column names are long; number them under the matrix and name them in the row labels/tooltip.
  for (size_t j = 0; j < k; ++j) {
    std::snprintf(buf, sizeof buf, "%zu", j + 1);
    ImVec2 vs = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(origin.x + cell * (float(j) + 0.5f) - vs.x * 0.5f, origin.y + cell * float(k) + 2),
                ImGui::GetColorU32(ImGuiCol_TextDisabled), buf);
  }
  if (hovered) {
    ImVec2 m = ImGui::GetIO().MousePos;
    int j = int((m.x - origin.x) / cell), i = int((m.y - origin.y) / cell);
    if (i >= 0 && j >= 0 && size_t(i) < k && size_t(j) < k)
      ImGui::SetTooltip("%s vs %s\ncorrelation %.3f", names[size_t(i)].c_str(), names[size_t(j)].c_str(), values[size_t(i) * k + size_t(j)]);
  }
  ImGui::PopID();
}

}  // namespace lab::plot
