#include "app/plot/step_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/plot/axes.hpp"
#include "app/plot/line_chart.hpp"
#include "app/plot/palette.hpp"
#include "core/track/series_reduce.hpp"
#include "imgui.h"

namespace lab::plot {

void step_chart(const char* id, const std::vector<StepSeries>& series, const StepChartOptions& opt) {
  float fh = ImGui::GetFontSize();
  auto ty = [&](double y) { return opt.log_y ? (y > 0 ? std::log10(y) : NAN) : y; };

  double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
  for (const auto& s : series) {
    if (!s.xs || !s.ys || s.xs->empty()) continue;
    xmin = std::min(xmin, s.xs->front());
    xmax = std::max(xmax, s.xs->back());
    for (const std::vector<double>* v : {s.ys, s.band_lo, s.band_hi})
      if (v)
        for (double y : *v) {
          double t = ty(y);
          if (std::isfinite(t)) { ymin = std::min(ymin, t); ymax = std::max(ymax, t); }
        }
  }
  ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The title row: the title, then "(log scale)" when it applies; the legend fills the rest.
  std::string title = opt.title ? opt.title : "";
  if (opt.log_y && !title.empty()) title += "  (log scale)";
  auto draw_title = [&](const ChartFrame& f) {
    if (title.empty()) return;
    dl->AddText(ImVec2(f.min.x + fh * 0.4f, f.min.y + fh * 0.25f), text, opt.title);
    if (opt.log_y) dl->AddText(ImVec2(f.min.x + fh * 0.4f + ImGui::CalcTextSize(opt.title).x, f.min.y + fh * 0.25f), dim, "  (log scale)");
  };
  if (!std::isfinite(xmin) || !std::isfinite(ymin)) {
    ImGui::PushID(id);
    ChartFrame f = chart_frame(opt.height);
    draw_title(f);
    dl->AddText(ImVec2(f.min.x + fh, (f.min.y + f.max.y) * 0.5f), dim, opt.log_y ? "no positive values to show on a log axis" : "no data");
    ImGui::PopID();
    return;
  }
  if (xmax <= xmin) xmax = xmin + 1;
  if (ymax - ymin < 1e-12) { ymin -= 0.5; ymax += 0.5; }
  double pad = (ymax - ymin) * 0.06;
  ymin -= pad;
  ymax += pad;

  // The shared frame, grid and ticks (axes.hpp); the title row above the plot is this chart's.
  Axes ax;
  if (!begin_axes(id, opt.height, xmin, xmax, ymin, ymax, opt.x_label, nullptr, XTicks::Integer, ax, {false, opt.log_y})) {
    end_axes();
    return;
  }
  draw_title(ax.frame);
  const ImVec2 p0 = ax.frame.min, a = ax.min, b = ax.max;
  const bool hovered = ax.hovered;
  auto Y = [&ax](double y) { return ax.Y(y); };

  // A vertex budget keeps many long series cheap in software WebGL: each series gets a share of
  // ~40,000 vertices (4 per line segment, two segments per column); drawing stops early past it.
  int series_n = 0;
  for (const auto& s : series) series_n += (s.xs && !s.xs->empty()) ? (s.band_lo ? 2 : 1) : 0;
  int budget_columns = 40000 / (8 * std::max(1, series_n));
  int columns = std::max(16, std::min(int(b.x - a.x), budget_columns));
  float col_w = (b.x - a.x) / float(columns);
  dl->PushClipRect(a, b, true);
  std::vector<double> tys;
  for (const auto& s : series) {
    if (!s.xs || !s.ys || s.xs->empty()) continue;
    if (s.band_lo && s.band_hi) {
      std::vector<double> lo(s.band_lo->size()), hi(s.band_hi->size());
      for (size_t i = 0; i < lo.size(); ++i) lo[i] = ty((*s.band_lo)[i]);
      for (size_t i = 0; i < hi.size(); ++i) hi[i] = ty((*s.band_hi)[i]);
      auto slo = downsample_min_max(*s.xs, lo, xmin, xmax, columns);
      auto shi = downsample_min_max(*s.xs, hi, xmin, xmax, columns);
      ImU32 fill = (s.color & 0x00FFFFFF) | (IM_COL32_A_MASK & IM_COL32(0, 0, 0, 60));
      // One trapezoid between neighbouring columns: a continuous band however sparse the steps.
      size_t n = std::min(slo.size(), shi.size());
      for (size_t i = 0; i + 1 < n; ++i) {
        float xa = a.x + (float(slo[i].column) + 0.5f) * col_w, xb = a.x + (float(slo[i + 1].column) + 0.5f) * col_w;
        dl->AddQuadFilled(ImVec2(xa, Y(shi[i].max)), ImVec2(xb, Y(shi[i + 1].max)), ImVec2(xb, Y(slo[i + 1].min)),
                          ImVec2(xa, Y(slo[i].min)), fill);
      }
    }
    const std::vector<double>* ys = s.ys;
    if (opt.log_y) {
      tys.resize(s.ys->size());
      for (size_t i = 0; i < tys.size(); ++i) tys[i] = ty((*s.ys)[i]);
      ys = &tys;
    }
    if (dl->VtxBuffer.Size > 58000) break;  // see the budget note above
    auto spans = downsample_min_max(*s.xs, *ys, xmin, xmax, columns);
    bool dots = s.xs->size() <= 60 && series.size() <= 12;
    if (s.xs->size() >= 2 * spans.size()) {
      // Dense: one crisp bar per column from min to max, stretched to meet the previous
      // column's last value so the series stays connected. Same picture as lines, but with a
      // third of the pixels and no anti-aliasing fringe: software WebGL pays per pixel drawn,
      // and ten overlapping noisy runs are mostly vertical strokes.
      float half = 1.0f;  // the trace is at least 2 px tall where the series is flat
      for (size_t i = 0; i < spans.size(); ++i) {
        float x0 = a.x + float(spans[i].column) * col_w, x1 = x0 + std::max(1.0f, col_w);
        float top = Y(spans[i].max), bottom = Y(spans[i].min);
        if (i > 0 && spans[i - 1].column + 1 == spans[i].column) {
          float prev = Y(spans[i - 1].last);
          top = std::min(top, prev);
          bottom = std::max(bottom, prev);
        }
        float mid = (top + bottom) * 0.5f;
        dl->AddRectFilled(ImVec2(x0, std::min(top, mid - half)), ImVec2(x1, std::max(bottom, mid + half)), s.color);
      }
      continue;
    }
    // Whole-pixel thickness lets ImGui draw anti-aliased lines from its texture: 4 vertices each.
    for (size_t i = 0; i < spans.size(); ++i) {
      float cx = a.x + (float(spans[i].column) + 0.5f) * col_w;
      if (i > 0) {
        float px = a.x + (float(spans[i - 1].column) + 0.5f) * col_w;
        dl->AddLine(ImVec2(px, Y(spans[i - 1].last)), ImVec2(cx, Y(spans[i].first)), s.color, 2.0f);
      }
      if (spans[i].max > spans[i].min) dl->AddLine(ImVec2(cx, Y(spans[i].max)), ImVec2(cx, Y(spans[i].min)), s.color, 1.0f);
      if (dots) dl->AddCircleFilled(ImVec2(cx, Y(spans[i].first)), 2.5f, s.color, 8);
    }
  }
  dl->PopClipRect();

  if (opt.legend) {  // right-aligned in the title row; what does not fit is counted, not cut
    float lx = b.x;
    float limit = p0.x + ImGui::CalcTextSize(title.c_str()).x + fh * 2;
    char more[32];
    std::snprintf(more, sizeof more, "+%zu more", series.size());
    float more_w = ImGui::CalcTextSize(more).x + fh;
    size_t shown = 0;
    std::vector<float> widths;
    for (const auto& s : series) widths.push_back(ImGui::CalcTextSize(s.label.c_str()).x + fh * 1.6f);
    float total = 0;
    while (shown < series.size()) {
      float need = total + widths[shown] + (shown + 1 < series.size() ? more_w : 0);
      if (lx - need < limit) break;
      total += widths[shown];
      ++shown;
    }
    float x = lx - total - (shown < series.size() ? more_w : 0);
    for (size_t i = 0; i < shown; ++i) {
      dl->AddRectFilled(ImVec2(x, p0.y + fh * 0.45f), ImVec2(x + fh * 0.8f, p0.y + fh * 1.05f), series[i].color);
      dl->AddText(ImVec2(x + fh * 1.0f, p0.y + fh * 0.25f), text, series[i].label.c_str());
      x += widths[i];
    }
    if (shown < series.size()) {
      std::snprintf(more, sizeof more, "+%zu more", series.size() - shown);
      dl->AddText(ImVec2(x + fh * 0.2f, p0.y + fh * 0.25f), dim, more);
    }
  }

  if (hovered) {
    double mx = xmin + (ImGui::GetIO().MousePos.x - a.x) / (b.x - a.x) * (xmax - xmin);
    dl->AddLine(ImVec2(ImGui::GetIO().MousePos.x, a.y), ImVec2(ImGui::GetIO().MousePos.x, b.y), dim);
    ImGui::BeginTooltip();
    ImGui::Text("%s %.0f", opt.x_label, mx);
    size_t listed = 0;
    for (const auto& s : series) {
      if (!s.xs || s.xs->empty() || listed >= 12) continue;
      auto it = std::lower_bound(s.xs->begin(), s.xs->end(), mx);
      if (it == s.xs->end()) --it;
      size_t i = size_t(it - s.xs->begin());
      ImGui::ColorButton(s.label.c_str(), ImGui::ColorConvertU32ToFloat4(s.color), ImGuiColorEditFlags_NoTooltip, ImVec2(fh * 0.7f, fh * 0.7f));
      ImGui::SameLine();
      ImGui::Text("%s: %.5g (step %.0f)", s.label.c_str(), (*s.ys)[i], (*s.xs)[i]);
      ++listed;
    }
    if (series.size() > listed) ImGui::TextDisabled("... and %zu more", series.size() - listed);
    ImGui::EndTooltip();
  }
  end_axes();
}

}  // namespace lab::plot
