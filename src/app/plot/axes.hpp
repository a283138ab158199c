#pragma once
// The one chart frame every chart starts from: chart_frame() reserves the box and fills its
// background (every chart, axes or not); begin_axes() adds the plot rectangle, the grid with
// tick labels, the axis labels and the value-to-pixel mapping.
#include <string>
#include <vector>

#include "imgui.h"

namespace lab::plot {

// A chart's box: `height` pixels over the available width, taken by an invisible button (so
// hover and clicks belong to the chart), its background filled.
struct ChartFrame {
  ImVec2 min, max;  // the whole box in screen pixels
  bool hovered = false;
};
ChartFrame chart_frame(float height);
// A one-line note inside an empty frame ("no data", "pick at least one param").
void frame_message(const ChartFrame& f, const char* text);

struct Axes {
  ChartFrame frame;
  ImVec2 min, max;  // plot area in screen pixels
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  bool hovered = false;
  float label_right = 0;  // where the y label (top-left) ends: the legend keeps clear of it
  float X(double x) const { return float(min.x + (x - x0) / (x1 - x0) * (max.x - min.x)); }
  float Y(double y) const { return float(max.y - (y - y0) / (y1 - y0) * (max.y - min.y)); }
  double x_at(float px) const { return x0 + (px - min.x) / (max.x - min.x) * (x1 - x0); }
  double y_at(float py) const { return y0 + (max.y - py) / (max.y - min.y) * (y1 - y0); }
};

// Tick labels: 0, 0.25, 42, 1500, 1.2e+06 (compact, and never more digits than the axis needs).
void format_tick(char* buf, size_t n, double v);

enum class XTicks { None, Numeric, Integer };  // Integer: steps, epochs (no 1.5)

// Log axes: the values given (ranges and data) are already log10; ticks are labelled 10^t.
struct AxesScale {
  bool log_x = false, log_y = false;
};

// Starts a chart `height` pixels tall over the available width (chart_frame). Draws y ticks and
// the x ticks asked for; y_label may be null (a chart with its own title row). Returns false when
// there is no room to draw.
bool begin_axes(const char* id, float height, double x0, double x1, double y0, double y1, const char* x_label,
                const char* y_label, XTicks x_ticks, Axes& out, AxesScale scale = {});
void end_axes();

// Entries right-aligned above the plot; colours default to series_color(i).
void legend(const Axes& a, const std::vector<std::string>& labels, const std::vector<unsigned int>& colors = {});

}  // namespace lab::plot
