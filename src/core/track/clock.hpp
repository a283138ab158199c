#pragma once
// Time comes in through this interface so core code stays deterministic under test.
#include <cstdint>

namespace lab {

struct Clock {
  virtual ~Clock() = default;
  virtual int64_t now_ms() const = 0;  // Unix epoch milliseconds, as MLflow records time
};

struct FixedClock : Clock {
  int64_t t = 1700000000000;
  int64_t now_ms() const override { return t; }
};

}  // namespace lab
