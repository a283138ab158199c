#pragma once
// Real public datasets bundled with the lab (assets/*.csv, sources in assets/README.md),
// compiled in so the CLI, the tests and the browser all have them without a file system.
// They are read through the CSV importer like any participant's file.
#include <string_view>
#include <vector>

namespace lab {

struct BundledCsv {
  const char* name;    // "iris", "wine", "breast_cancer"
  const char* target;  // the label column
  const char* source;  // where the data comes from, shown to participants
  std::string_view text;
};

const std::vector<BundledCsv>& bundled_csvs();
const BundledCsv* find_bundled_csv(std::string_view name);

}  // namespace lab
