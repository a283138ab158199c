#pragma once
// Synthetic telco customers for the churn use case (seed doc 004, Cloudera's churn workshop on
// IBM's Telco Customer Churn data): the same 19 fields as the workshop's example request, with
// the same names and category spellings, plus customerID and the Churn label.
#include <cstdint>

#include "core/data/table.hpp"

namespace lab {

struct ChurnGeneratorOptions {
  int64_t rows = 5000;
  uint64_t seed = 42;
};

// The generating process, shown to participants so they know what a model can find.
extern const char* const kChurnGeneratingProcess;

// Throws std::invalid_argument for rows outside [10, 1'000'000].
Table generate_churn_dataset(const ChurnGeneratorOptions& opt);

}  // namespace lab
