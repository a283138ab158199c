#pragma once
// The one palette of the lab's charts: a colour per class or series, chosen to stay
// distinguishable on the dark theme and for the common colour-vision deficiencies (Okabe-Ito
// order first, then three more for charts with many runs). Every chart takes its colours here,
// so class 1 or run 2 has the same colour in Explore, Train, Runs and Evaluate.
#include <cstddef>

namespace lab::plot {

inline constexpr size_t kSeriesColors = 10;
// The i-th colour (wrapping after kSeriesColors); negative or missing classes use colour 0.
unsigned int series_color(size_t i, float alpha = 1.0f);  // ImU32
// Blue (0) -> orange (1) for colouring by a value.
unsigned int ramp_color(double t, float alpha = 1.0f);
// Diverging blue-white-red for correlations in [-1, 1].
unsigned int diverging_color(double v);

}  // namespace lab::plot
