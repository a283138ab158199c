#pragma once
// When the tab draws a frame. Drawing is the tab's largest cost on a machine without a GPU (about
// 40 ms a frame in Chromium's software WebGL), and while the main thread draws, answers from the
// tracking server and IndexedDB wait for it. So the lab draws every animation frame only while
// someone is using it, and a few times a second otherwise; the work paced per frame (training,
// jobs, a search, sync) runs on every animation frame either way.
namespace lab::app {

class RedrawPolicy {
 public:
  static constexpr double kActiveMs = 1000;      // after the last input event: every frame
  static constexpr double kBusyEveryMs = 100;    // training, a job or a search running: live curves
  static constexpr double kIdleEveryMs = 250;    // otherwise: clocks, sync progress, messages

  void input(double now_ms) { last_input_ms_ = now_ms; }
  // A command from the page changed or read the screen: draw the next frame.
  void look_requested() { look_ = true; }
  bool should_draw(double now_ms, bool busy) const;
  void drew(double now_ms) {
    last_draw_ms_ = now_ms;
    look_ = false;
  }

 private:
  double last_input_ms_ = -1e18;
  double last_draw_ms_ = -1e18;
  bool look_ = false;
};

}  // namespace lab::app
