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

std::string id_reason(const Column& c) {
  const size_t n = c.values.size();
  if (n == 0 || std::any_of(c.values.begin(), c.values.end(), [](double x) { return std::isnan(x); })) return "";
  // Cheap tests first (schemas are inferred for every dataset version); the sort last.
  auto all_distinct = [&] {
    size_t present = 0;
    return count_distinct(c, present) == n;
  };
  if (id_name(c.name)) return all_distinct() ? "named like an identifier, with every value different" : "";
  if (n < 20) return "";
  if (c.type == ColumnType::Categorical)
    return c.categories.size() >= n && all_distinct() ? "text with every value different (a name or code, not a category)"
                                                      : "";
  // Whole numbers 0..n-1 or 1..n in any order: a row counter.
  double lo = *std::min_element(c.values.begin(), c.values.end());
  double hi = *std::max_element(c.values.begin(), c.values.end());
  bool whole = std::all_of(c.values.begin(), c.values.end(), [](double x) { return x == std::floor(x); });
  if (!whole || !(lo == 0 || lo == 1) || hi - lo != double(n - 1) || !all_distinct()) return "";
  return lo == 0 ? "unique whole numbers 0..n-1, one per row (a row counter)"
                 : "unique whole numbers 1..n, one per row (a row counter)";
}

bool looks_like_id(const Column& c) { return !id_reason(c).empty(); }

namespace {
std::string role_reason(const Column& c) {
  switch (c.role) {
    case ColumnRole::Target: return "target: what the model learns to predict";
    case ColumnRole::Time: return "time: kept for ordering, not a model input";
    case ColumnRole::Ignore: return "ignore: left out of the model";
    case ColumnRole::Id: {
      std::string why = id_reason(c);
      return why.empty() ? "id: identifies rows, not a model input" : "id: " + why;
    }
    case ColumnRole::Feature: break;
  }
  std::string why = id_reason(c);
  return why.empty() ? "feature: a model input" : "feature, though it looks like an id: " + why;
}

std::string column_names(const Table& t) {
  std::string names;
  for (const auto& c : t.columns) names += (names.empty() ? "" : ", ") + c.name;
  return names;
}
}  // namespace

const std::vector<ColumnRole>& column_roles() {
  static const std::vector<ColumnRole> roles = {ColumnRole::Feature, ColumnRole::Target, ColumnRole::Id,
                                                ColumnRole::Time, ColumnRole::Ignore};
  return roles;
}

ColumnRole parse_column_role(const std::string& name) {
  std::string valid;
  for (ColumnRole r : column_roles()) {
    if (name == to_string(r)) return r;
    valid += (valid.empty() ? "" : ", ") + std::string(to_string(r));
  }
  throw std::invalid_argument("unknown role '" + name + "'; a column's role is one of: " + valid);
}

void set_column_role(Table& t, const std::string& column, const std::string& role) {
  Column* c = t.find(column);
  if (!c) throw std::invalid_argument("there is no column '" + column + "'; the columns are: " + column_names(t));
  ColumnRole r = parse_column_role(role);
  const Column* target = t.target();
  if (r == ColumnRole::Target && target && target != c)
    throw std::invalid_argument("'" + target->name + "' is already the target and a dataset has only one; to predict '" +
                                column + "' instead, make it the target with data.set_target (the old target becomes "
                                "a feature)");
  c->role = r;
}

void assign_roles(Table& t, const std::string& target) {
  size_t target_index = t.cols();
  if (!target.empty()) {
    target_index = t.index_of(target);
    if (target_index == t.cols())
      throw std::invalid_argument("there is no column '" + target + "' to use as the target; the columns are: " +
                                  column_names(t));
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
    cs.role_reason = role_reason(c);
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
