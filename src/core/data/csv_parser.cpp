#include "core/data/csv_parser.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <map>
#include <unordered_map>
#include <stdexcept>
#include <vector>

namespace lab {

namespace {

struct Field {
  std::string_view text;
  bool quoted = false;
};

// The records of the file, row-major, with the physical line each record starts on.
struct Records {
  std::vector<Field> cells;
  std::vector<size_t> row_start;  // index into cells of each record's first field
  std::vector<size_t> row_line;   // 1-based line number where each record starts
  std::deque<std::string> unescaped;  // storage for quoted fields that contained ""
  size_t fields_in(size_t r) const {
    size_t end = r + 1 < row_start.size() ? row_start[r + 1] : cells.size();
    return end - row_start[r];
  }
};

std::string quote_for_message(std::string_view s) {
  std::string out = "'";
  for (size_t i = 0; i < s.size() && i < 40; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    out += (c < 32) ? '?' : char(c);
  }
  if (s.size() > 40) out += "...";
  return out + "'";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string mb(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / (1024.0 * 1024.0));
  return buf;
}

// RFC 4180 tokenizer: one pass, no copies except for quoted fields holding doubled quotes.
Records tokenize(std::string_view text, const CsvOptions& opt) {
  Records rec;
  const char d = opt.delimiter;
  size_t i = 0, line = 1;
  const size_t n = text.size();
  bool record_open = false;
  size_t header_fields = 0;
  auto at_line_end = [&](size_t k) { return k < n && (text[k] == '\n' || text[k] == '\r'); };
  auto skip_line_end = [&](size_t& k) {
    if (text[k] == '\r' && k + 1 < n && text[k + 1] == '\n') ++k;
    ++k;
    ++line;
  };
  while (i < n) {
    if (!record_open) {
      if (at_line_end(i)) {  // a blank line between records: skip it
        skip_line_end(i);
        continue;
      }
      rec.row_start.push_back(rec.cells.size());
      rec.row_line.push_back(line);
      record_open = true;
    }
    // A memory guard while reading; the exact rows x columns check follows once the header is known.
    if (rec.cells.size() > opt.max_cells + header_fields)
      throw std::invalid_argument("the file has more than " + std::to_string(opt.max_cells) +
                                  " cells (rows x columns); the limit keeps the tab responsive. Import a sample "
                                  "of the rows or fewer columns.");
    Field f;
    if (text[i] == '"') {
      const size_t open_line = line;
      size_t start = ++i;
      bool has_escape = false;
      while (true) {
        if (i >= n)
          throw std::invalid_argument("line " + std::to_string(open_line) +
                                      ": a quoted field starts here but its closing quote (\") is missing. "
                                      "Close the quote, and write a quote inside a quoted field as two quotes (\"\").");
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            has_escape = true;
            i += 2;
            continue;
          }
          break;
        }
        if (text[i] == '\n' || (text[i] == '\r' && !(i + 1 < n && text[i + 1] == '\n'))) ++line;
        ++i;
      }
      std::string_view raw = text.substr(start, i - start);
      ++i;  // the closing quote
      if (has_escape) {
        std::string s;
        s.reserve(raw.size());
        for (size_t k = 0; k < raw.size(); ++k) {
          s += raw[k];
          if (raw[k] == '"') ++k;  // "" -> "
        }
        rec.unescaped.push_back(std::move(s));
        raw = rec.unescaped.back();
      }
      f.text = raw;
      f.quoted = true;
      // Only spaces may sit between the closing quote and the delimiter.
      while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i < n && text[i] != d && !at_line_end(i))
        throw std::invalid_argument("line " + std::to_string(line) + ", field " +
                                    std::to_string(rec.cells.size() - rec.row_start.back() + 1) +
                                    ": unexpected text " + quote_for_message(text.substr(i, std::min<size_t>(20, text.find_first_of("\r\n", i) - i))) +
                                    " after a closing quote. Put the whole value inside the quotes and double any "
                                    "quote that belongs to the value (\"\").");
    } else {
      size_t start = i;
      while (i < n && text[i] != d && text[i] != '\n' && text[i] != '\r') ++i;
      f.text = trim(text.substr(start, i - start));
    }
    rec.cells.push_back(f);
    if (i >= n) break;
    if (text[i] == d) {
      ++i;
      if (i >= n) rec.cells.push_back(Field{});  // "a,b," ends with an empty field
      continue;
    }
    skip_line_end(i);  // end of record
    record_open = false;
    if (rec.row_start.size() == 1) header_fields = rec.cells.size();
  }
  return rec;
}

enum class NumberKind { NotNumber, Finite, Infinite, LeadingZeroCode };

bool equals_nocase(std::string_view a, const char* b) {
  size_t k = 0;
  for (; k < a.size() && b[k]; ++k) {
    char c = a[k];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != b[k]) return false;
  }
  return k == a.size() && b[k] == 0;
}

// Plain decimal syntax only: [+-] digits [. digits] [(e|E) [+-] digits], at least one digit.
NumberKind classify_number(std::string_view s, std::string& buf, double& out) {
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  if (equals_nocase(body, "inf") || equals_nocase(body, "infinity")) return NumberKind::Infinite;
  size_t k = 0, int_digits = 0, frac_digits = 0;
  while (k < body.size() && body[k] >= '0' && body[k] <= '9') ++k, ++int_digits;
  bool has_point = false, has_exp = false;
  if (k < body.size() && body[k] == '.') {
    has_point = true;
    ++k;
    while (k < body.size() && body[k] >= '0' && body[k] <= '9') ++k, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return NumberKind::NotNumber;
  if (k < body.size() && (body[k] == 'e' || body[k] == 'E')) {
    has_exp = true;
    ++k;
    if (k < body.size() && (body[k] == '+' || body[k] == '-')) ++k;
    size_t exp_digits = 0;
    while (k < body.size() && body[k] >= '0' && body[k] <= '9') ++k, ++exp_digits;
    if (exp_digits == 0) return NumberKind::NotNumber;
  }
  if (k != body.size()) return NumberKind::NotNumber;
  if (!has_point && !has_exp && int_digits > 1 && body[0] == '0') return NumberKind::LeadingZeroCode;
  buf.assign(s.data(), s.size());
  out = std::strtod(buf.c_str(), nullptr);
  return std::isinf(out) ? NumberKind::Infinite : NumberKind::Finite;
}

}  // namespace

bool is_missing_token(std::string_view f) {
  if (f.size() > 4) return false;  // the longest marker is "null"
  return f.empty() || equals_nocase(f, "na") || equals_nocase(f, "n/a") || equals_nocase(f, "nan") ||
         equals_nocase(f, "null") || f == "?";
}

Table parse_csv(std::string_view text, const CsvOptions& opt) {
  if (text.size() > opt.max_bytes)
    throw std::invalid_argument("the file is " + mb(text.size()) + "; the limit is " + mb(opt.max_bytes) +
                                ". Import a sample of the rows (for example the first 100,000).");
  if (text.size() >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
      (unsigned char)text[2] == 0xBF)
    text.remove_prefix(3);  // UTF-8 byte-order mark written by Excel
  if (opt.delimiter == '"' || opt.delimiter == '\n' || opt.delimiter == '\r')
    throw std::invalid_argument("the delimiter cannot be a quote or a line break");

  Records rec = tokenize(text, opt);
  if (rec.row_start.empty())
    throw std::invalid_argument("the file is empty; a CSV needs a header line with the column names and at least "
                                "one data row below it.");
  const size_t ncols = rec.fields_in(0);
  const size_t nrows = rec.row_start.size() - 1;
  if (nrows == 0)
    throw std::invalid_argument("the file has a header line but no data rows; add at least one row of values.");
  if (nrows * ncols > opt.max_cells)
    throw std::invalid_argument("the file has " + std::to_string(nrows) + " rows x " + std::to_string(ncols) +
                                " columns = " + std::to_string(nrows * ncols) + " cells; the limit is " +
                                std::to_string(opt.max_cells) + ". Import a sample of the rows or fewer columns.");

  Table t;
  t.columns.resize(ncols);
  std::map<std::string_view, size_t> seen;
  for (size_t c = 0; c < ncols; ++c) {
    const Field& h = rec.cells[c];
    std::string_view name = h.quoted ? h.text : trim(h.text);
    // A byte-order mark after leading blank lines still belongs to the encoding, not the name.
    while (c == 0 && name.size() >= 3 && name.substr(0, 3) == "\xEF\xBB\xBF") name = trim(name.substr(3));
    if (name.empty())
      throw std::invalid_argument("line 1, column " + std::to_string(c + 1) +
                                  ": the header has an empty column name; give every column a name.");
    auto [it, fresh] = seen.emplace(name, c);
    if (!fresh)
      throw std::invalid_argument("line 1: the header names " + quote_for_message(name) + " twice (columns " +
                                  std::to_string(it->second + 1) + " and " + std::to_string(c + 1) +
                                  "); rename one of them so every column name is unique.");
    t.columns[c].name = std::string(name);
  }
  for (size_t r = 1; r <= nrows; ++r) {
    size_t got = rec.fields_in(r);
    if (got != ncols)
      throw std::invalid_argument(
          "line " + std::to_string(rec.row_line[r]) + ": this row has " + std::to_string(got) + " field" +
          (got == 1 ? "" : "s") + " but the header has " + std::to_string(ncols) +
          ". If a value contains the delimiter, wrap it in double quotes; otherwise add or remove fields so "
          "every row matches the header.");
  }

  std::string buf;
  for (size_t c = 0; c < ncols; ++c) {
    Column& col = t.columns[c];
    col.values.assign(nrows, std::nan(""));
    auto field = [&](size_t r) -> const Field& { return rec.cells[rec.row_start[r + 1] + c]; };
    bool numeric = true;
    size_t first_inf = SIZE_MAX;
    for (size_t r = 0; r < nrows && numeric; ++r) {
      const Field& f = field(r);
      if (f.text.empty() || (!f.quoted && is_missing_token(f.text))) continue;
      double v = 0;
      switch (classify_number(trim(f.text), buf, v)) {
        case NumberKind::Finite: col.values[r] = v; break;
        case NumberKind::Infinite: if (first_inf == SIZE_MAX) first_inf = r; break;
        default: numeric = false;
      }
    }
    if (numeric) {
      if (first_inf != SIZE_MAX)
        throw std::invalid_argument("line " + std::to_string(rec.row_line[first_inf + 1]) + ", column '" +
                                    col.name + "': the value " + quote_for_message(field(first_inf).text) +
                                    " is infinite (or too large for a number); replace it with a finite number, "
                                    "or leave the cell empty to mark it missing.");
      continue;
    }
    col.type = ColumnType::Categorical;
    // Hash first (fast with many distinct values, e.g. an id column), then sort the names.
    std::unordered_map<std::string_view, size_t> codes;
    for (size_t r = 0; r < nrows; ++r) {
      const Field& f = field(r);
      if (f.text.empty() || (!f.quoted && is_missing_token(f.text))) continue;
      codes.emplace(f.text, 0);
    }
    std::vector<std::string_view> names;
    names.reserve(codes.size());
    for (const auto& kv : codes) names.push_back(kv.first);
    std::sort(names.begin(), names.end());  // distinct keys: the order is total
    col.categories.reserve(names.size());
    for (size_t k = 0; k < names.size(); ++k) {
      codes[names[k]] = k;
      col.categories.emplace_back(names[k]);
    }
    for (size_t r = 0; r < nrows; ++r) {
      const Field& f = field(r);
      if (!(f.text.empty() || (!f.quoted && is_missing_token(f.text)))) col.values[r] = double(codes[f.text]);
    }
  }
  return t;
}

}  // namespace lab
