#include "core/serve/circuit_breaker.hpp"

namespace lab {

const char* to_string(CircuitBreaker::State s) {
  switch (s) {
    case CircuitBreaker::State::Closed: return "closed";
    case CircuitBreaker::State::Open: return "open";
    case CircuitBreaker::State::HalfOpen: return "half-open";
  }
  return "closed";
}

bool CircuitBreaker::allow(int64_t now_ms) {
  if (state_ == State::Open && now_ms - opened_at_ >= cooldown_ms_) state_ = State::HalfOpen;
  return state_ != State::Open;
}

void CircuitBreaker::record_success() {
  failures_ = 0;
  state_ = State::Closed;
}

void CircuitBreaker::record_failure(int64_t now_ms) {
  ++failures_;
  if (state_ == State::HalfOpen || failures_ >= threshold_) {
    state_ = State::Open;
    opened_at_ = now_ms;
  }
}

}  // namespace lab
