#pragma once
// The schema of a dataset version, inferred once and used by everything downstream
// (EDA chart choice, feature transforms, serving contract, drift tests).
#include <limits>
#include <string>
#include <vector>

#include "core/data/table.hpp"

namespace lab {

struct ColumnSchema {
  std::string name;
  ColumnType type = ColumnType::Numeric;
  ColumnRole role = ColumnRole::Feature;
  // Why the column has its role, in words for the schema view, e.g. "id: whole numbers 1..n, one
  // per row (a row counter)" or "feature: a model input".
  std::string role_reason;
  std::string description;
  size_t missing = 0;
  size_t distinct = 0;                    // distinct non-missing values
  double min = 0, max = 0, mean = 0;      // numeric, over non-missing values
  bool integer_valued = false;            // numeric and every non-missing value is whole
  double valid_min = -std::numeric_limits<double>::infinity();  // declared range (see Column)
  double valid_max = std::numeric_limits<double>::infinity();
  std::vector<std::string> categories;    // categorical
  std::vector<size_t> category_counts;    // categorical: rows per category
};

struct Schema {
  std::vector<ColumnSchema> columns;
  const ColumnSchema* find(const std::string& name) const;
};

Schema infer_schema(const Table& t);

// Sets the column roles of an imported table:
//  - target: the named column (throws std::invalid_argument listing the columns if absent);
//    with an empty name, a column named target/label/class/y/outcome (any case), else none;
//  - id: columns that identify rows rather than describe them: a name like "id", "customerID",
//    "order_id" with all values distinct; text with all values distinct (names, codes; 20+ rows);
//    or whole numbers counting rows (0..n-1 or 1..n, such as a saved index column).
// Everything else is a feature.
void assign_roles(Table& t, const std::string& target);

// True when the column looks like a row identifier by the rule above.
bool looks_like_id(const Column& c);
// Which part of that rule matched, in words ("" when the column does not look like an id).
std::string id_reason(const Column& c);

// The roles a user may give a column, by name: feature, target, id, time, ignore.
const std::vector<ColumnRole>& column_roles();
// Throws std::invalid_argument naming the valid roles.
ColumnRole parse_column_role(const std::string& name);

// Gives `column` the role named `role`. Throws std::invalid_argument (table unchanged) for an
// unknown column (listing the columns), an unknown role (listing the roles), or a second target
// (the target moves with set_target, so a dataset never has two).
void set_column_role(Table& t, const std::string& column, const std::string& role);

}  // namespace lab
