#include "io/csv_export.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/data/csv_parser.hpp"

namespace lab {

namespace {

void put_text(std::string& out, const std::string& s, char d) {
  bool quote = s.empty() || is_missing_token(s) || s.front() == ' ' || s.front() == '\t' || s.back() == ' ' ||
               s.back() == '\t' || s.find_first_of(std::string{d, '"', '\n', '\r'}) != std::string::npos;
  if (!quote) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Shortest text that reads back to the same double. A double is fixed by 15 significant digits
// whenever some decimal of 15 digits or fewer names it, and %g drops trailing zeros, so trying
// 15, then 16, then 17 digits finds the shortest (the same text as shortest_double, minus ".0",
// in 1-3 tries instead of up to 17).
void put_number(std::string& out, double v) {
  if (std::isnan(v)) return;  // missing: empty field
  char buf[40];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    if (v == 0 && std::signbit(v)) std::snprintf(buf, sizeof buf, "-0");
  } else {
    for (int prec = 15; prec <= 17; ++prec) {
      std::snprintf(buf, sizeof buf, "%.*g", prec, v);
      if (std::strtod(buf, nullptr) == v) break;
    }
  }
  out += buf;
}

}  // namespace

std::string write_csv(const Table& t, char d) {
  std::string out;
  for (size_t c = 0; c < t.cols(); ++c) {
    if (c) out += d;
    put_text(out, t.columns[c].name, d);
  }
  out += '\n';
  for (size_t r = 0; r < t.rows(); ++r) {
    for (size_t c = 0; c < t.cols(); ++c) {
      if (c) out += d;
      const Column& col = t.columns[c];
      double v = col.values[r];
      if (std::isnan(v) && t.cols() == 1) {
        out += "\"\"";  // an empty line would be skipped as blank on import
      } else if (col.type == ColumnType::Numeric) {
        put_number(out, v);
      } else if (!std::isnan(v) && v >= 0 && size_t(v) < col.categories.size()) {
        put_text(out, col.categories[size_t(v)], d);
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace lab
