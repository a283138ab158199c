#pragma once
// Test-only helpers to load the reference CSVs and expected numbers under tests/reference/.
// Paths are found from this header's own location, so the native and the wasm test binaries
// (NODERAWFS) read the same files whatever the working directory.
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/models/matrix.hpp"

namespace labtest {

inline std::string reference_dir() {
  std::string here = __FILE__;  // .../tests/support/reference_data.hpp
  size_t cut = here.rfind("support");
  if (cut == std::string::npos) throw std::runtime_error("cannot locate tests/ from " + here);
  return here.substr(0, cut) + "reference/";
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Split {
  lab::DenseMatrix X_train, X_test;
  std::vector<double> y_train, y_test;
};

// A numeric CSV whose first line is a header (any content) and whose last column is the target.
// Row i goes to the test part when i % 4 == 0; features are standardised with the training mean
// and population standard deviation, exactly as make_learner_references.py does.
inline Split load_split(const std::string& name) {
  std::istringstream text(read_text(reference_dir() + "data/" + name));
  std::string line;
  std::getline(text, line);
  std::vector<std::vector<double>> rows;
  while (std::getline(text, line)) {
    if (line.empty() || line == "\r") continue;
    std::vector<double> r;
    const char* p = line.c_str();
    while (*p) {
      char* end = nullptr;
      r.push_back(std::strtod(p, &end));
      if (end == p) throw std::runtime_error("bad number in " + name + ": " + line);
      p = end;
      if (*p == ',') ++p;
      else if (*p == '\r') break;
    }
    rows.push_back(r);
  }
  const size_t d = rows.at(0).size() - 1;
  Split s;
  size_t n_test = (rows.size() + 3) / 4;
  s.X_test = lab::DenseMatrix(n_test, d);
  s.X_train = lab::DenseMatrix(rows.size() - n_test, d);
  size_t it = 0, ir = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i % 4 == 0) {
      for (size_t j = 0; j < d; ++j) s.X_test.at(it, j) = rows[i][j];
      s.y_test.push_back(rows[i][d]);
      ++it;
    } else {
      for (size_t j = 0; j < d; ++j) s.X_train.at(ir, j) = rows[i][j];
      s.y_train.push_back(rows[i][d]);
      ++ir;
    }
  }
  for (size_t j = 0; j < d; ++j) {
    double mean = 0, var = 0;
    for (size_t i = 0; i < s.X_train.rows; ++i) mean += s.X_train.at(i, j);
    mean /= double(s.X_train.rows);
    for (size_t i = 0; i < s.X_train.rows; ++i) var += (s.X_train.at(i, j) - mean) * (s.X_train.at(i, j) - mean);
    double sd = std::sqrt(var / double(s.X_train.rows));
    if (sd == 0) sd = 1;  // a constant column (digits' blank border pixels), as StandardScaler does
    for (size_t i = 0; i < s.X_train.rows; ++i) s.X_train.at(i, j) = (s.X_train.at(i, j) - mean) / sd;
    for (size_t i = 0; i < s.X_test.rows; ++i) s.X_test.at(i, j) = (s.X_test.at(i, j) - mean) / sd;
  }
  return s;
}

inline const nlohmann::json& expected(const std::string& file) {
  static std::map<std::string, nlohmann::json> cache;  // node-based: references stay valid
  auto it = cache.find(file);
  if (it == cache.end())
    it = cache.emplace(file, nlohmann::json::parse(read_text(reference_dir() + "expected/" + file))).first;
  return it->second;
}

}  // namespace labtest
