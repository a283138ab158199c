#pragma once
#include <chrono>

#include "core/track/clock.hpp"

namespace lab {

struct SystemClock : Clock {
  int64_t now_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

}  // namespace lab
