#include "app/plot/line_chart.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/axes.hpp"
#include "imgui.h"

namespace lab::plot {

std::vector<double> nice_ticks(double lo, double hi, int target_count) {
  std::vector<double> out;
  if (!(hi > lo) || target_count < 1) return out;
  double raw = (hi - lo) / target_count;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) { step = m * mag; break; }
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  return out;
}

void line_chart(const char* id, const std::vector<Series>& series, const LineChartOptions& opt) {
  const std::vector<double>* xs = opt.x && !opt.x->empty() ? opt.x : nullptr;
  // The x of point i: the given x values (clamped to the last one), or x_offset + i.
  auto x_of = [&](size_t i) { return xs ? (*xs)[std::min(i, xs->size() - 1)] : opt.x_offset + double(i); };
  double xmin = x_of(0), xmax = x_of(0), ymin = INFINITY, ymax = -INFINITY;
  size_t longest = 0;
  for (const auto& s : series) {
    if (!s.y) continue;
    longest = std::max(longest, s.y->size());
    for (double v : *s.y)
      if (std::isfinite(v)) { ymin = std::min(ymin, v); ymax = std::max(ymax, v); }
  }
  if (longest > 1) xmax = x_of(longest - 1);
  if (xmax <= xmin) xmax = xmin + 1;
  if (!std::isfinite(ymin)) { ymin = 0; ymax = 1; }
  if (ymax - ymin < 1e-12) { ymin -= 0.5; ymax += 0.5; }
  double pad = (ymax - ymin) * 0.08;

  Axes a;
  if (!begin_axes(id, opt.height, xmin, xmax, ymin - pad, ymax + pad, opt.x_label, opt.y_label, XTicks::Integer, a)) {
    end_axes();
    return;
  }
  std::vector<std::string> labels;
  std::vector<unsigned int> colors;
  for (const auto& s : series) { labels.push_back(s.label); colors.push_back(s.color); }
  legend(a, labels, colors);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(a.min, a.max, true);
  for (const auto& s : series) {
    if (!s.y || s.y->empty()) continue;
    const auto& y = *s.y;
    // Never draw more segments than pixels: stride through long histories.
    size_t stride = std::max<size_t>(1, y.size() / size_t(std::max(1.0f, a.max.x - a.min.x)));
    // A missing value (NaN) leaves a gap instead of a line to zero.
    ImVec2 prev(a.X(x_of(0)), a.Y(y[0]));
    bool prev_ok = std::isfinite(y[0]);
    for (size_t i = stride; i < y.size(); i += stride) {
      ImVec2 cur(a.X(x_of(i)), a.Y(y[i]));
      bool ok = std::isfinite(y[i]);
      if (ok && prev_ok) dl->AddLine(prev, cur, s.color, 2.0f);
      prev = cur;
      prev_ok = ok;
    }
    if (y.size() <= 60)
      for (size_t i = 0; i < y.size(); ++i)
        if (std::isfinite(y[i])) dl->AddCircleFilled(ImVec2(a.X(x_of(i)), a.Y(y[i])), 3.0f, s.color);
  }
  if (opt.markers) {
    // Labels of marks close together go on a second row rather than over each other ("alert" on
    // two rules' alerts a day apart); a third close label is left out, its line stays.
    std::vector<std::pair<double, std::string>> marks = *opt.markers;
    std::stable_sort(marks.begin(), marks.end(), [](const auto& p, const auto& q) { return p.first < q.first; });
    float row_end[2] = {-1e9f, -1e9f};
    for (const auto& [mx, text] : marks) {
      float x = a.X(mx);
      for (float y0 = a.min.y; y0 < a.max.y; y0 += 8) dl->AddLine(ImVec2(x, y0), ImVec2(x, std::min(a.max.y, y0 + 4)), ImGui::GetColorU32(ImGuiCol_Text), 1.0f);
      const float w = ImGui::CalcTextSize(text.c_str()).x;
      for (int row = 0; row < 2; ++row) {
        if (x + 3 < row_end[row] + 4) continue;
        dl->AddText(ImVec2(x + 3, a.min.y + 2 + float(row) * ImGui::GetTextLineHeight()), ImGui::GetColorU32(ImGuiCol_Text), text.c_str());
        row_end[row] = x + 3 + w;
        break;
      }
    }
  }
  dl->PopClipRect();

  if (a.hovered && longest > 0) {
    const double mx = a.x_at(ImGui::GetIO().MousePos.x);
    long i = 0;
    if (xs) {  // the nearest given x
      size_t n = std::min(longest, xs->size());
      size_t hi = size_t(std::lower_bound(xs->begin(), xs->begin() + long(n), mx) - xs->begin());
      i = long(hi == 0 ? 0 : hi >= n ? n - 1 : (mx - (*xs)[hi - 1] <= (*xs)[hi] - mx ? hi - 1 : hi));
    } else {
      i = std::lround(mx - opt.x_offset);
    }
    i = std::clamp<long>(i, 0, long(longest) - 1);
    float x = a.X(x_of(size_t(i)));
    dl->AddLine(ImVec2(x, a.min.y), ImVec2(x, a.max.y), ImGui::GetColorU32(ImGuiCol_TextDisabled));
    float fh = ImGui::GetFontSize();
    ImGui::BeginTooltip();
    ImGui::Text("%s %.0f", opt.x_label, x_of(size_t(i)));
    for (const auto& s : series)
      if (s.y && size_t(i) < s.y->size()) {
        ImGui::ColorButton(s.label.c_str(), ImGui::ColorConvertU32ToFloat4(s.color), ImGuiColorEditFlags_NoTooltip,
                           ImVec2(fh * 0.7f, fh * 0.7f));
        ImGui::SameLine();
        ImGui::Text("%s: %.5f", s.label.c_str(), (*s.y)[size_t(i)]);
      }
    ImGui::EndTooltip();
  }
  end_axes();
}

}  // namespace lab::plot
