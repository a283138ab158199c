#pragma once
// Horizontal bars, one row per named item with its label in a left column: feature importance
// (bars from 0, with a whisker for the spread) and a waterfall of one prediction (each bar from
// where the previous one ended). The value text sits at the bar's end, so a colour never has to
// carry the meaning alone.
#include <string>
#include <vector>

namespace lab::plot {

struct HBar {
  std::string label;       // left column, cut with "..." when too long
  double from = 0, to = 0; // the bar spans from..to on the shared axis
  double spread = 0;       // a whisker of +-spread around `to` (0: none)
  unsigned int color = 0;  // ImU32
  std::string value_text;  // drawn beside the bar
  std::string tooltip;     // shown on hover ("" = label and value)
};

struct HBarOptions {
  const char* x_label = "";
  double marker = 0;       // a vertical reference line at this value (base value, zero)
  bool show_marker = true;
  float label_share = 0.45f;  // the most of the width the label column may take
};

// Height the chart takes for n bars (rows plus the axis).
float hbar_chart_height(size_t n);
void hbar_chart(const char* id, const std::vector<HBar>& bars, const HBarOptions& opt);

}  // namespace lab::plot
