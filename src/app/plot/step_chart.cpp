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
  ImGui::PushID(id);
  ImVec2 size(ImGui::GetContentRegionAvail().x, opt.height);
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("chart", size);
  bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
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
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
  ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  // The title row: the title, then "(log scale)" when it applies; the legend fills the rest.
  std::string title = opt.title ? opt.title : "";
  if (opt.log_y && !title.empty()) title += "  (log scale)";
  if (!title.empty()) {
    dl->AddText(ImVec2(p0.x + fh * 0.4f, p0.y + fh * 0.25f), text, opt.title);
    if (opt.log_y) dl->AddText(ImVec2(p0.x + fh * 0.4f + ImGui::CalcTextSize(opt.title).x, p0.y + fh * 0.25f), dim, "  (log scale)");
  }
  if (!std::isfinite(xmin) || !std::isfinite(ymin)) {
    dl->AddText(ImVec2(p0.x + fh, p0.y + size.y * 0.5f), dim, opt.log_y ? "no positive values to show on a log axis" : "no data");
    ImGui::PopID();
    return;
  }
  if (xmax <= xmin) xmax = xmin + 1;
  if (ymax - ymin < 1e-12) { ymin -= 0.5; ymax += 0.5; }
  double pad = (ymax - ymin) * 0.06;
  ymin -= pad;
  ymax += pad;

  float left = fh * 4.2f, bottom = fh * 2.4f, top = fh * 1.6f, right = fh * 0.8f;
  ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  if (b.x - a.x < 30 || b.y - a.y < 20) { ImGui::PopID(); return; }
  auto X = [&](double x) { return float(a.x + (x - xmin) / (xmax - xmin) * (b.x - a.x)); };
  auto Y = [&](double y) { return float(b.y - (y - ymin) / (ymax - ymin) * (b.y - a.y)); };

  ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border, 0.6f);
  char buf[32];
  for (double t : nice_ticks(ymin, ymax, 5)) {
    dl->AddLine(ImVec2(a.x, Y(t)), ImVec2(b.x, Y(t)), grid);
    if (opt.log_y) std::snprintf(buf, sizeof buf, "1e%g", t);
    else format_tick(buf, sizeof buf, t);
    if (opt.log_y && t != std::floor(t)) continue;
    ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x - fh * 0.3f, Y(t) - ts.y * 0.5f), dim, buf);
  }
  for (double t : nice_ticks(xmin, xmax, std::max(2, int((b.x - a.x) / (fh * 5))))) {
    if (t != std::floor(t)) continue;
    dl->AddLine(ImVec2(X(t), b.y), ImVec2(X(t), b.y + fh * 0.3f), text);
    format_tick(buf, sizeof buf, t);
    ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(X(t) - ts.x * 0.5f, b.y + fh * 0.35f), dim, buf);
  }
  dl->AddRect(a, b, grid);
  ImVec2 xl = ImGui::CalcTextSize(opt.x_label);
  dl->AddText(ImVec2((a.x + b.x - xl.x) * 0.5f, b.y + fh * 1.2f), dim, opt.x_label);

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
  ImGui::PopID();
}

}  // namespace lab::plot
