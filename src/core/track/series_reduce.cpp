#include "core/track/series_reduce.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

namespace lab {

std::vector<ColumnSpan> downsample_min_max(const std::vector<double>& xs, const std::vector<double>& ys, double x0,
                                           double x1, int columns) {
  std::vector<ColumnSpan> out;
  if (columns <= 0 || xs.size() != ys.size() || !(x1 > x0)) return out;
  double scale = double(columns) / (x1 - x0);
  for (size_t i = 0; i < xs.size(); ++i) {
    double y = ys[i];
    if (!std::isfinite(y) || xs[i] < x0 || xs[i] > x1) continue;
    int c = std::min(columns - 1, int((xs[i] - x0) * scale));
    if (out.empty() || out.back().column != c) {
      out.push_back({c, y, y, y, y});
    } else {
      ColumnSpan& s = out.back();
      s.last = y;
      s.min = std::min(s.min, y);
      s.max = std::max(s.max, y);
    }
  }
  return out;
}

std::vector<double> smooth_ema(const std::vector<double>& ys, double weight) {
  if (weight <= 0) return ys;
  weight = std::min(weight, 0.999);
  std::vector<double> out(ys.size());
  double acc = 0, decay = 1;  // decay = weight^n, kept by multiplication (no pow)
  for (size_t i = 0; i < ys.size(); ++i) {
    if (!std::isfinite(ys[i])) { out[i] = ys[i]; continue; }
    acc = acc * weight + (1 - weight) * ys[i];
    decay *= weight;
    out[i] = acc / (1 - decay);
  }
  return out;
}

void history_xy(const std::vector<MetricPoint>& h, std::vector<double>& xs, std::vector<double>& ys) {
  std::vector<size_t> idx(h.size());
  std::iota(idx.begin(), idx.end(), size_t(0));
  bool sorted = true;
  for (size_t i = 1; i < h.size() && sorted; ++i) sorted = h[i - 1].step <= h[i].step;
  if (!sorted)
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return h[a].step < h[b].step; });
  xs.resize(h.size());
  ys.resize(h.size());
  for (size_t i = 0; i < idx.size(); ++i) {
    xs[i] = double(h[idx[i]].step);
    ys[i] = h[idx[i]].value;
  }
}

MeanStd mean_std(const std::vector<double>& values) {
  MeanStd r;
  double sum = 0;
  for (double v : values)
    if (std::isfinite(v)) { sum += v; ++r.n; }
  if (r.n == 0) return r;
  r.mean = sum / double(r.n);
  if (r.n < 2) return r;
  double ss = 0;
  for (double v : values)
    if (std::isfinite(v)) ss += (v - r.mean) * (v - r.mean);
  r.std = std::sqrt(ss / double(r.n - 1));
  return r;
}

bool param_number(const std::string& text, double& out) {
  if (text.empty()) return false;
  const char* begin = text.c_str();
  char* end = nullptr;
  double v = std::strtod(begin, &end);
  if (end != begin + text.size() || !std::isfinite(v)) return false;
  out = v;
  return true;
}

}  // namespace lab
