#include "core/eda/describe.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace lab {

namespace {
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return NAN;
  double pos = q * double(sorted.size() - 1);
  size_t lo = size_t(std::floor(pos));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  double frac = pos - double(lo);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

std::string label_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
}  // namespace

ColumnSummary summarize(const Column& c) {
  ColumnSummary s;
  s.name = c.name;
  std::vector<double> v;
  v.reserve(c.values.size());
  for (double x : c.values) {
    if (std::isnan(x)) ++s.missing;
    else v.push_back(x);
  }
  s.count = v.size();
  std::sort(v.begin(), v.end());
  s.distinct = v.empty() ? 0 : 1;
  for (size_t i = 1; i < v.size(); ++i) s.distinct += v[i] != v[i - 1];
  if (v.empty() || c.type == ColumnType::Categorical) return s;
  double sum = 0;
  for (double x : v) sum += x;
  s.mean = sum / double(v.size());
  double ss = 0;
  for (double x : v) ss += (x - s.mean) * (x - s.mean);
  s.std = v.size() > 1 ? std::sqrt(ss / double(v.size() - 1)) : 0.0;  // sample std, as pandas
  s.min = v.front();
  s.max = v.back();
  s.q25 = quantile(v, 0.25);
  s.median = quantile(v, 0.5);
  s.q75 = quantile(v, 0.75);
  return s;
}

std::vector<std::string> class_names(const Column& c) {
  if (c.type == ColumnType::Categorical) return c.categories;
  std::vector<double> distinct;
  for (double x : c.values)
    if (!std::isnan(x) && std::find(distinct.begin(), distinct.end(), x) == distinct.end()) {
      distinct.push_back(x);
      if (distinct.size() > 50) break;  // not a class column; the caller shows no split
    }
  std::sort(distinct.begin(), distinct.end());
  std::vector<std::string> out;
  for (double x : distinct) out.push_back(label_text(x));
  return out;
}

std::vector<int> class_index(const Column& c) {
  std::vector<int> out(c.values.size(), -1);
  if (c.type == ColumnType::Categorical) {
    for (size_t i = 0; i < c.values.size(); ++i)
      if (!std::isnan(c.values[i])) out[i] = int(c.values[i]);
    return out;
  }
  std::vector<std::string> names = class_names(c);
  std::map<double, int> index;
  for (size_t k = 0; k < names.size(); ++k) index[std::strtod(names[k].c_str(), nullptr)] = int(k);
  for (size_t i = 0; i < c.values.size(); ++i) {
    auto it = index.find(c.values[i]);
    if (it != index.end()) out[i] = it->second;
  }
  return out;
}

Histogram histogram(const Column& c, int bins, const Column* group_by) {
  Histogram h;
  std::vector<int> group(c.values.size(), 0);
  if (group_by) {
    h.groups = class_names(*group_by);
    group = class_index(*group_by);
  } else {
    h.groups = {c.name};
  }
  size_t n_groups = std::max<size_t>(1, h.groups.size());
  if (c.type == ColumnType::Categorical) {
    size_t k = c.categories.size();
    for (size_t e = 0; e <= k; ++e) h.edges.push_back(double(e));
    h.counts.assign(n_groups, std::vector<double>(k, 0.0));
    for (size_t i = 0; i < c.values.size(); ++i)
      if (!std::isnan(c.values[i]) && group[i] >= 0 && size_t(c.values[i]) < k) h.counts[size_t(group[i])][size_t(c.values[i])] += 1;
    return h;
  }
  double lo = INFINITY, hi = -INFINITY;
  for (double x : c.values)
    if (std::isfinite(x)) { lo = std::min(lo, x); hi = std::max(hi, x); }
  if (!std::isfinite(lo)) { lo = 0; hi = 1; }
  if (hi == lo) { lo -= 0.5; hi += 0.5; }
  bins = std::max(1, bins);
  for (int e = 0; e <= bins; ++e) h.edges.push_back(lo + (hi - lo) * double(e) / double(bins));
  h.counts.assign(n_groups, std::vector<double>(size_t(bins), 0.0));
  for (size_t i = 0; i < c.values.size(); ++i) {
    double x = c.values[i];
    if (!std::isfinite(x) || group[i] < 0) continue;
    int b = int((x - lo) / (hi - lo) * bins);
    b = std::min(bins - 1, std::max(0, b));  // the maximum falls in the last bin, as numpy does
    h.counts[size_t(group[i])][size_t(b)] += 1;
  }
  return h;
}

CorrelationMatrix correlations(const Table& t) {
  CorrelationMatrix m;
  std::vector<const Column*> cols;
  for (const auto& c : t.columns)
    if (c.type == ColumnType::Numeric && c.role != ColumnRole::Id) { cols.push_back(&c); m.names.push_back(c.name); }
  size_t k = cols.size(), n = t.rows();
  m.values.assign(k * k, NAN);
  for (size_t a = 0; a < k; ++a)
    for (size_t b = a; b < k; ++b) {
      const auto& x = cols[a]->values;
      const auto& y = cols[b]->values;
      double sx = 0, sy = 0;
      size_t cnt = 0;
      for (size_t i = 0; i < n; ++i)
        if (!std::isnan(x[i]) && !std::isnan(y[i])) { sx += x[i]; sy += y[i]; ++cnt; }
      if (cnt < 2) continue;
      double mx = sx / double(cnt), my = sy / double(cnt), sxx = 0, syy = 0, sxy = 0;
      for (size_t i = 0; i < n; ++i)
        if (!std::isnan(x[i]) && !std::isnan(y[i])) {
          double dx = x[i] - mx, dy = y[i] - my;
          sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
        }
      double r = (sxx > 0 && syy > 0) ? sxy / std::sqrt(sxx * syy) : NAN;
      m.values[a * k + b] = m.values[b * k + a] = r;
    }
  return m;
}

}  // namespace lab
