#pragma once
// Colours for classes and series, chosen to stay distinguishable on the dark theme and for the
// common colour-vision deficiencies (Okabe-Ito order).
namespace lab::plot {

unsigned int series_color(int i, float alpha = 1.0f);  // ImU32
// Diverging blue-white-red for correlations in [-1, 1].
unsigned int diverging_color(double v);

}  // namespace lab::plot
