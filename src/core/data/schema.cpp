#include "core/data/schema.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lab {

namespace {
std::string lower(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

bool id_name(const std::string& name) {
  std::string l = lower(name);
  if (l == "id" || l == "uuid" || l == "key" || l == "index") return true;
  auto ends = [&](const char* suf) {
    std::string s = suf;
    return l.size() > s.size() && l.compare(l.size() - s.size(), s.size(), s) == 0;
  };
  // customerID, order_id, user-id: the raw name ends in "ID" or a separator + id.
  bool caps_id = name.size() > 2 && name.compare(name.size() - 2, 2, "ID") == 0;
  return caps_id || ends("_id") || ends("-id") || ends(" id");
}

size_t count_distinct(const Column& c, size_t& present) {
  std::vector<double> v;
  v.reserve(c.values.size());
  for (double x : c.values)
    if (!std::isnan(x)) v.push_back(x);
  present = v.size();
  std::sort(v.begin(), v.end());
  return size_t(std::unique(v.begin(), v.end()) - v.begin());
}
}  // namespace

const ColumnSchema* Schema::find(const std::string& name) const {
  for (const auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

bool looks_like_id(const Column& c) {
  size_t present = 0;
  size_t distinct = count_distinct(c, present);
  if (present == 0 || distinct != present || present != c.values.size()) return false;
  if (id_name(c.name)) return true;
  if (c.type == ColumnType::Categorical) return present >= 20;
  // Whole numbers 0..n-1 or 1..n in any order: a row counter.
  double lo = *std::min_element(c.values.begin(), c.values.end());
  double hi = *std::max_element(c.values.begin(), c.values.end());
  bool whole = std::all_of(c.values.begin(), c.values.end(), [](double x) { return x == std::floor(x); });
  return whole && present >= 20 && (lo == 0 || lo == 1) && hi - lo == double(present - 1);
}

void assign_roles(Table& t, const std::string& target) {
  size_t target_index = t.cols();
  if (!target.empty()) {
    target_index = t.index_of(target);
    if (target_index == t.cols()) {
      std::string names;
      for (const auto& c : t.columns) names += (names.empty() ? "" : ", ") + c.name;
      throw std::invalid_argument("there is no column '" + target + "' to use as the target; the columns are: " +
                                  names);
    }
  } else {
    for (const char* guess : {"target", "label", "class", "y", "outcome"})
      for (size_t i = 0; i < t.cols() && target_index == t.cols(); ++i)
        if (lower(t.columns[i].name) == guess) target_index = i;
  }
  for (size_t i = 0; i < t.cols(); ++i) {
    Column& c = t.columns[i];
    c.role = i == target_index ? ColumnRole::Target : (looks_like_id(c) ? ColumnRole::Id : ColumnRole::Feature);
  }
}

Schema infer_schema(const Table& t) {
  Schema s;
  for (const auto& c : t.columns) {
    ColumnSchema cs;
    cs.name = c.name;
    cs.type = c.type;
    cs.role = c.role;
    cs.description = c.description;
    cs.categories = c.categories;
    cs.valid_min = c.valid_min;
    cs.valid_max = c.valid_max;
    cs.category_counts.assign(c.categories.size(), 0);
    double sum = 0;
    size_t n = 0;
    bool whole = c.type == ColumnType::Numeric;
    bool first = true;
    for (double v : c.values) {
      if (std::isnan(v)) { ++cs.missing; continue; }
      if (first || v < cs.min) cs.min = v;
      if (first || v > cs.max) cs.max = v;
      first = false;
      sum += v;
      ++n;
      whole = whole && v == std::floor(v);
      if (c.type == ColumnType::Categorical && v >= 0 && size_t(v) < cs.category_counts.size())
        ++cs.category_counts[size_t(v)];
    }
    cs.mean = n ? sum / double(n) : 0.0;
    cs.integer_valued = whole && n > 0;
    size_t present = 0;
    cs.distinct = count_distinct(c, present);
    s.columns.push_back(std::move(cs));
  }
  return s;
}

}  // namespace lab
