#include "io/csv_export.hpp"

#include <cmath>

#include "core/data/csv_parser.hpp"
#include "io/number_text.hpp"

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

void put_number(std::string& out, double v) {
  if (std::isnan(v)) return;  // missing: empty field
  std::string s = shortest_double(v);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);  // 5.0 -> 5
  out += s;
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
