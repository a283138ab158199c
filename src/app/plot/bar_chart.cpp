#include "app/plot/bar_chart.hpp"

#include <algorithm>

#include "app/plot/axes.hpp"
#include "app/plot/palette.hpp"

namespace lab::plot {

void bar_chart(const char* id, const BarChartData& d, const char* x_label, float height, const char* y_label) {
  size_t bins = d.bin_labels.size(), groups = d.counts.size();
  double top = 0;
  for (const auto& g : d.counts)
    for (double v : g) top = std::max(top, v);
  bool numeric = d.edges.size() == bins + 1 && bins > 0;
  double x0 = numeric ? d.edges.front() : 0, x1 = numeric ? d.edges.back() : double(std::max<size_t>(1, bins));
  Axes a;
  if (!begin_axes(id, height, x0, x1, 0, top * 1.08 + 1e-9, x_label, y_label, numeric ? XTicks::Numeric : XTicks::None, a)) {
    end_axes();
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float fh = ImGui::GetFontSize();
  float slot = (a.max.x - a.min.x) / float(std::max<size_t>(1, bins));
  float bar = slot * 0.8f / float(std::max<size_t>(1, groups));
  int hovered_bin = -1;
  if (a.hovered) hovered_bin = int((ImGui::GetIO().MousePos.x - a.min.x) / slot);
  for (size_t b = 0; b < bins; ++b) {
    float left = a.min.x + slot * float(b) + slot * 0.1f;
    for (size_t g = 0; g < groups; ++g) {
      float x = left + bar * float(g);
      dl->AddRectFilled(ImVec2(x, a.Y(d.counts[g][b])), ImVec2(x + bar - 1, a.max.y), series_color(g, hovered_bin == int(b) ? 1.0f : 0.85f));
    }
    if (numeric) continue;  // the axis carries the ticks
    // Label every bin when they fit, else every k-th.
    size_t every = std::max<size_t>(1, size_t(ImGui::CalcTextSize("00000000").x / slot) + 1);
    if (b % every == 0) {
      const std::string& lab = d.bin_labels[b];
      ImVec2 ts = ImGui::CalcTextSize(lab.c_str());
      if (ts.x < slot * float(every) - 4)
        dl->AddText(ImVec2(left + slot * 0.4f - ts.x * 0.5f, a.max.y + fh * 0.35f), ImGui::GetColorU32(ImGuiCol_TextDisabled), lab.c_str());
    }
  }
  if (groups > 1) legend(a, d.groups);
  if (hovered_bin >= 0 && size_t(hovered_bin) < bins) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(d.bin_labels[size_t(hovered_bin)].c_str());
    for (size_t g = 0; g < groups; ++g) ImGui::Text("%s: %.0f rows", d.groups[g].c_str(), d.counts[g][size_t(hovered_bin)]);
    ImGui::EndTooltip();
  }
  end_axes();
}

}  // namespace lab::plot
