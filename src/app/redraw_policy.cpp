#include "app/redraw_policy.hpp"

namespace lab::app {

bool RedrawPolicy::should_draw(double now_ms, bool busy) const {
  if (look_ || now_ms - last_input_ms_ < kActiveMs) return true;
  // Animation frames come about every 16.7 ms: a few ms early still counts as due.
  constexpr double kSlackMs = 4;
  return now_ms - last_draw_ms_ >= (busy ? kBusyEveryMs : kIdleEveryMs) - kSlackMs;
}

}  // namespace lab::app
