#pragma once
// Stops calling a failing model for a while and lets one trial call through afterwards
// (closed -> open after N consecutive failures -> half-open after the cooldown -> closed on a
// success, open again on a failure). The fallback model answers while it is open.
#include <cstdint>

namespace lab {

class CircuitBreaker {
 public:
  enum class State { Closed, Open, HalfOpen };
  CircuitBreaker(int failure_threshold = 3, int64_t cooldown_ms = 10000)
      : threshold_(failure_threshold), cooldown_ms_(cooldown_ms) {}

  bool allow(int64_t now_ms);  // may the primary be called now? (moves Open -> HalfOpen)
  void record_success();
  void record_failure(int64_t now_ms);
  State state() const { return state_; }
  int consecutive_failures() const { return failures_; }

 private:
  int threshold_;
  int64_t cooldown_ms_;
  State state_ = State::Closed;
  int failures_ = 0;
  int64_t opened_at_ = 0;
};

const char* to_string(CircuitBreaker::State s);

}  // namespace lab
