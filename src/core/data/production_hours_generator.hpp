#pragma once
// Synthetic monthly production hours per cost center: the manufacturing forecasting use case of
// seed doc 003 ("production hours forecasting", "Cost_Center_Forecasting"). A regression task.
#include <cstdint>

#include "core/data/table.hpp"

namespace lab {

struct ProductionHoursOptions {
  int64_t rows = 5000;
  uint64_t seed = 42;
};

extern const char* const kProductionHoursGeneratingProcess;

// Throws std::invalid_argument for rows outside [10, 1'000'000].
Table generate_production_hours_dataset(const ProductionHoursOptions& opt);

}  // namespace lab
