// When the tab draws (src/app/redraw_policy.*): every frame while used, a few a second otherwise.
#include <catch2/catch.hpp>

#include "app/redraw_policy.hpp"

using lab::app::RedrawPolicy;

namespace {
// Animation frames from `from` for `ms` milliseconds; how many of them draw.
int frames_drawn(RedrawPolicy& p, double from, double ms, bool busy) {
  int drawn = 0;
  for (double t = from; t < from + ms; t += 1000.0 / 60) {
    if (!p.should_draw(t, busy)) continue;
    p.drew(t);
    ++drawn;
  }
  return drawn;
}
}  // namespace

TEST_CASE("redraw: the first frame draws, then an idle tab draws four times a second", "[app][redraw]") {
  RedrawPolicy p;
  REQUIRE(p.should_draw(0, false));
  const int idle = frames_drawn(p, 0, 10000, false);
  CHECK(idle >= 39);
  CHECK(idle <= 41);
}

TEST_CASE("redraw: every frame for a second after input, ten a second while work runs", "[app][redraw]") {
  RedrawPolicy p;
  p.input(5000);
  CHECK(frames_drawn(p, 5000, 1000, false) >= 59);
  // The second after that: idle again.
  CHECK(frames_drawn(p, 6000, 1000, false) <= 5);
  CHECK(frames_drawn(p, 7000, 1000, true) >= 9);
  CHECK(frames_drawn(p, 8000, 1000, true) <= 11);
}

TEST_CASE("redraw: a command from the page gets the next frame drawn", "[app][redraw]") {
  RedrawPolicy p;
  p.drew(1000);
  CHECK_FALSE(p.should_draw(1017, false));
  p.look_requested();
  CHECK(p.should_draw(1017, false));
  p.drew(1017);
  CHECK_FALSE(p.should_draw(1034, false));
}
