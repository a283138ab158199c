#pragma once
// The workshop's datasets by name: the seeded generators and the bundled real data.
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/table.hpp"

namespace lab {

struct DatasetInfo {
  std::string name;     // loan, churn, production_hours, iris, wine, breast_cancer
  std::string label;    // for menus
  std::string task;     // binary | multiclass | regression (of the default target)
  std::string target;
  bool generated = true;  // false: bundled real data (rows and seed are ignored)
  std::string process;  // the generating process, or the data's source
};

const std::vector<DatasetInfo>& dataset_catalog();
const DatasetInfo& dataset_info(const std::string& name);  // throws std::invalid_argument listing names

// Generated datasets take rows (10..1,000,000) and a seed; bundled ones are read through the CSV
// importer whole. Either way the roles are set (target known per dataset, ids flagged).
Table make_dataset(const std::string& name, int64_t rows, uint64_t seed);

}  // namespace lab
