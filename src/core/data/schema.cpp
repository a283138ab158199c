#include "core/data/schema.hpp"

#include <cmath>

namespace lab {

Schema infer_schema(const Table& t) {
  Schema s;
  for (const auto& c : t.columns) {
    ColumnSchema cs;
    cs.name = c.name;
    cs.type = c.type;
    cs.role = c.role;
    cs.description = c.description;
    cs.categories = c.categories;
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
    }
    cs.mean = n ? sum / double(n) : 0.0;
    cs.integer_valued = whole && n > 0;
    s.columns.push_back(std::move(cs));
  }
  return s;
}

}  // namespace lab
