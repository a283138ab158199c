#include "app/plot/parallel_coords.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/plot/axes.hpp"
#include "app/plot/palette.hpp"
#include "imgui.h"

namespace lab::plot {

int parallel_coords(const char* id, const std::vector<PcAxis>& axes, const std::vector<std::string>& labels, float height) {
  ImGui::PushID(id);
  // The shared frame; the vertical axes are this chart's own (one per param, the metric last).
  const ChartFrame frame = chart_frame(height);
  const ImVec2 p0 = frame.min, size(frame.max.x - frame.min.x, frame.max.y - frame.min.y);
  const bool hovered = frame.hovered;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float fh = ImGui::GetFontSize();
  ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  if (axes.size() < 2 || labels.empty()) {
    frame_message(frame, "pick at least one param and a metric");
    ImGui::PopID();
    return -1;
  }
  size_t n = labels.size();
  std::vector<double> lo(axes.size(), INFINITY), hi(axes.size(), -INFINITY);
  for (size_t k = 0; k < axes.size(); ++k) {
    if (!axes[k].categories.empty()) { lo[k] = -0.5; hi[k] = double(axes[k].categories.size()) - 0.5; continue; }
    for (double v : axes[k].values)
      if (std::isfinite(v)) { lo[k] = std::min(lo[k], v); hi[k] = std::max(hi[k], v); }
    if (!std::isfinite(lo[k])) { lo[k] = 0; hi[k] = 1; }
    if (hi[k] - lo[k] < 1e-12) { lo[k] -= 0.5; hi[k] += 0.5; }
  }
  float top = fh * 2.6f, bottom = fh * 1.6f, side = fh * 3.5f;
  float y0 = p0.y + top, y1 = p0.y + size.y - bottom;
  auto AX = [&](size_t k) { return p0.x + side + (size.x - 2 * side) * float(k) / float(axes.size() - 1); };
  auto AY = [&](size_t k, double v) { return float(y1 - (v - lo[k]) / (hi[k] - lo[k]) * (y1 - y0)); };

  const PcAxis& metric = axes.back();
  int hit = -1;
  float best = fh * 0.5f;
  ImVec2 mouse = ImGui::GetIO().MousePos;
  for (size_t r = 0; r < n; ++r) {
    if (dl->VtxBuffer.Size > 58000) break;  // 16-bit indices: keep the window's list under 65,536 vertices
    double t = (metric.values[r] - lo.back()) / (hi.back() - lo.back());
    ImU32 col = ramp_color(t, n > 200 ? 0.35f : 0.8f);
    for (size_t k = 0; k + 1 < axes.size(); ++k) {
      double va = axes[k].values[r], vb = axes[k + 1].values[r];
      if (!std::isfinite(va) || !std::isfinite(vb)) continue;
      ImVec2 pa(AX(k), AY(k, va)), pb(AX(k + 1), AY(k + 1, vb));
      dl->AddLine(pa, pb, col, 1.0f);
      if (hovered && mouse.x >= pa.x && mouse.x <= pb.x) {
        float y = pa.y + (pb.y - pa.y) * (mouse.x - pa.x) / std::max(1.0f, pb.x - pa.x);
        if (std::fabs(y - mouse.y) < best) { best = std::fabs(y - mouse.y); hit = int(r); }
      }
    }
  }
  if (hit >= 0)
    for (size_t k = 0; k + 1 < axes.size(); ++k) {
      double va = axes[k].values[size_t(hit)], vb = axes[k + 1].values[size_t(hit)];
      if (std::isfinite(va) && std::isfinite(vb))
        dl->AddLine(ImVec2(AX(k), AY(k, va)), ImVec2(AX(k + 1), AY(k + 1, vb)), IM_COL32(255, 255, 255, 255), 3.0f);
    }
  char buf[48];
  for (size_t k = 0; k < axes.size(); ++k) {
    float x = AX(k);
    dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), text, 1.5f);
    ImVec2 ts = ImGui::CalcTextSize(axes[k].name.c_str());
    dl->AddText(ImVec2(x - ts.x * 0.5f, p0.y + fh * 0.4f), text, axes[k].name.c_str());
    if (!axes[k].categories.empty()) {
      for (size_t c = 0; c < axes[k].categories.size(); ++c)
        dl->AddText(ImVec2(x + fh * 0.3f, AY(k, double(c)) - fh * 0.5f), dim, axes[k].categories[c].c_str());
    } else {
      std::snprintf(buf, sizeof buf, "%.4g", hi[k]);
      dl->AddText(ImVec2(x - ImGui::CalcTextSize(buf).x * 0.5f, y0 - fh * 1.2f), dim, buf);
      std::snprintf(buf, sizeof buf, "%.4g", lo[k]);
      dl->AddText(ImVec2(x - ImGui::CalcTextSize(buf).x * 0.5f, y1 + fh * 0.2f), dim, buf);
    }
  }
  if (hit >= 0) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(labels[size_t(hit)].c_str());
    for (const auto& ax : axes) {
      double v = ax.values[size_t(hit)];
      if (!ax.categories.empty() && std::isfinite(v)) ImGui::Text("%s = %s", ax.name.c_str(), ax.categories[size_t(v)].c_str());
      else ImGui::Text("%s = %.5g", ax.name.c_str(), v);
    }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return hit;
}

}  // namespace lab::plot
