#pragma once
// Small helpers the dataset generators share to declare their columns.
#include <limits>
#include <string>
#include <vector>

#include "core/data/table.hpp"

namespace lab::gen {

inline Column numeric(const char* name, const char* description, double valid_min = -std::numeric_limits<double>::infinity(),
                      double valid_max = std::numeric_limits<double>::infinity()) {
  Column c;
  c.name = name;
  c.description = description;
  c.valid_min = valid_min;
  c.valid_max = valid_max;
  return c;
}

// Categories are given in sorted byte order, as the CSV importer would order them, so a
// generated table survives export -> import unchanged.
inline Column categorical(const char* name, const char* description, std::vector<std::string> categories) {
  Column c;
  c.name = name;
  c.description = description;
  c.type = ColumnType::Categorical;
  c.categories = std::move(categories);
  return c;
}

// The code of a category by name (the generators only ask for names they declared).
inline double code(const Column& c, const std::string& category) {
  for (size_t i = 0; i < c.categories.size(); ++i)
    if (c.categories[i] == category) return double(i);
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace lab::gen
