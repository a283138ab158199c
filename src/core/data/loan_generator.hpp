#pragma once
// Synthetic loan-approval applications (the use case of the 3-hour workshop, seed doc 000).
#include <cstdint>
#include <string>

#include "core/data/table.hpp"

namespace lab {

struct LoanGeneratorOptions {
  int64_t rows = 5000;
  uint64_t seed = 42;
};

// The generating process, shown to participants so they know what a model can find.
extern const char* const kLoanGeneratingProcess;

// Throws std::invalid_argument for rows outside [10, 1'000'000].
Table generate_loan_dataset(const LoanGeneratorOptions& opt);

}  // namespace lab
