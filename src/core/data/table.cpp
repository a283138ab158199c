#include "core/data/table.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/math/sha256.hpp"

namespace lab {

const char* to_string(ColumnType t) { return t == ColumnType::Numeric ? "numeric" : "categorical"; }
const char* to_string(ColumnRole r) {
  switch (r) {
    case ColumnRole::Feature: return "feature";
    case ColumnRole::Target: return "target";
    case ColumnRole::Id: return "id";
    case ColumnRole::Time: return "time";
    case ColumnRole::Ignore: return "ignore";
  }
  return "feature";
}

const Column* Table::find(const std::string& name) const {
  for (const auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

Column* Table::find(const std::string& name) {
  for (auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

size_t Table::index_of(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  return columns.size();
}

const Column* Table::target() const {
  for (const auto& c : columns)
    if (c.role == ColumnRole::Target) return &c;
  return nullptr;
}

std::vector<const Column*> Table::features() const {
  std::vector<const Column*> out;
  for (const auto& c : columns)
    if (c.role == ColumnRole::Feature) out.push_back(&c);
  return out;
}

std::string Table::cell_text(size_t row, size_t col) const {
  const Column& c = columns[col];
  double v = c.values[row];
  if (std::isnan(v)) return "";
  if (c.type == ColumnType::Categorical) {
    size_t i = size_t(v);
    return i < c.categories.size() ? c.categories[i] : "?";
  }
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string content_hash(const Table& t) {
  Sha256 h;
  auto put_str = [&](const std::string& s) {
    uint64_t n = s.size();
    h.update(&n, sizeof n);
    h.update(s);
  };
  uint64_t rows = t.rows(), cols = t.cols();
  h.update(&rows, sizeof rows);
  h.update(&cols, sizeof cols);
  for (const auto& c : t.columns) {
    put_str(c.name);
    put_str(to_string(c.type));
    put_str(to_string(c.role));
    uint64_t ncat = c.categories.size();
    h.update(&ncat, sizeof ncat);
    for (const auto& cat : c.categories) put_str(cat);
    for (double v : c.values) {
      if (std::isnan(v)) v = std::nan("");  // one canonical NaN
      uint64_t bits;
      std::memcpy(&bits, &v, 8);
      h.update(&bits, sizeof bits);
    }
  }
  return h.hex_digest();
}

}  // namespace lab
