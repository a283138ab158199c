#pragma once
// A columnar table: every column is a vector<double>. Categorical columns store the index into
// `categories`; NaN marks a missing value in either kind.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace lab {

enum class ColumnType { Numeric, Categorical };
// Only Feature columns are model inputs; Id, Time and Ignore columns are kept in the table
// (preview, EDA) but left out of training.
enum class ColumnRole { Feature, Target, Id, Time, Ignore };

const char* to_string(ColumnType t);
const char* to_string(ColumnRole r);

struct Column {
  std::string name;
  ColumnType type = ColumnType::Numeric;
  ColumnRole role = ColumnRole::Feature;
  std::string description;              // what the column means, shown in the schema view
  std::vector<double> values;
  std::vector<std::string> categories;  // categorical only
  // The documented valid range of a numeric column (e.g. 0 for counts, 300..850 for a credit
  // score); the quality checks flag values outside it. Infinite bounds mean "not declared".
  double valid_min = -std::numeric_limits<double>::infinity();
  double valid_max = std::numeric_limits<double>::infinity();
};

struct Table {
  std::vector<Column> columns;

  size_t rows() const { return columns.empty() ? 0 : columns.front().values.size(); }
  size_t cols() const { return columns.size(); }
  const Column* find(const std::string& name) const;
  const Column* target() const;  // first column with role Target, if any
  std::vector<const Column*> features() const;
  Column* find(const std::string& name);
  size_t index_of(const std::string& name) const;  // cols() when absent
  // A cell as the user should read it (category name, integer without decimals, "" for missing).
  std::string cell_text(size_t row, size_t col) const;
};

// SHA-256 over names, types, roles, categories and the exact bits of every value: two tables
// have the same hash exactly when they hold the same data, so it identifies a dataset version.
std::string content_hash(const Table& t);

}  // namespace lab
