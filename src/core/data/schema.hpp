#pragma once
// The schema of a dataset version, inferred once and used by everything downstream
// (EDA chart choice, feature transforms, serving contract, drift tests).
#include <string>
#include <vector>

#include "core/data/table.hpp"

namespace lab {

struct ColumnSchema {
  std::string name;
  ColumnType type = ColumnType::Numeric;
  ColumnRole role = ColumnRole::Feature;
  std::string description;
  size_t missing = 0;
  double min = 0, max = 0, mean = 0;      // numeric, over non-missing values
  bool integer_valued = false;            // numeric and every non-missing value is whole
  std::vector<std::string> categories;    // categorical
};

struct Schema {
  std::vector<ColumnSchema> columns;
};

Schema infer_schema(const Table& t);

}  // namespace lab
