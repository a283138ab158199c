#pragma once
// A tiny loader for the all-numeric CSV files under tests/reference/data (test use only; the
// product's CSV importer lives in src/). Every field must parse as a number.
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace lab::testing {

// tests/reference/data/<name>, found from this header's own path so the tests run from any
// working directory, natively and under Node (NODERAWFS).
inline std::string reference_data_path(const std::string& name) {
  std::string here = __FILE__;  // .../tests/support/numeric_csv.hpp
  std::string tests = here.substr(0, here.rfind("/support/"));
  return tests + "/reference/data/" + name;
}

// Rows of numbers; the first skip_lines lines (headers) are ignored.
inline std::vector<std::vector<double>> read_numeric_csv(const std::string& path, size_t skip_lines = 1) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::vector<double>> rows;
  std::string line;
  for (size_t lineno = 1; std::getline(in, line); ++lineno) {
    if (lineno <= skip_lines || line.empty() || line == "\r") continue;
    std::vector<double> row;
    const char* p = line.c_str();
    while (true) {
      char* end = nullptr;
      double v = std::strtod(p, &end);
      if (end == p) throw std::runtime_error(path + ":" + std::to_string(lineno) + ": not a number");
      row.push_back(v);
      p = end;
      while (*p == ' ' || *p == '\r') ++p;
      if (*p == '\0') break;
      if (*p != ',') throw std::runtime_error(path + ":" + std::to_string(lineno) + ": expected a comma");
      ++p;
    }
    if (!rows.empty() && row.size() != rows[0].size())
      throw std::runtime_error(path + ":" + std::to_string(lineno) + ": wrong number of fields");
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace lab::testing
