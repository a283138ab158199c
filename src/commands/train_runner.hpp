#pragma once
// Paces the session's training job: the one place that decides how much work happens when.
// The app calls run_frame() once per frame: units of work (TrainJob/Session::advance_training,
// each bounded) until the frame's time budget is spent, or in slow motion until one fit step
// was taken, so the curve grows one point per frame. The CLI and tests call run_to_end(). The
// units are the same either way, so the same seed gives the same model.
#include <functional>
#include <map>
#include <string>

namespace lab {

class Session;

class TrainRunner {
 public:
  using NowMs = std::function<double()>;  // a monotonic clock in milliseconds
  explicit TrainRunner(Session& session, NowMs now_ms = {});

  bool slow_motion() const { return slow_motion_; }
  void set_slow_motion(bool on) { slow_motion_ = on; }
  // Time per frame for training at full speed; the rest of the frame draws the UI.
  double frame_budget_ms() const { return budget_ms_; }
  void set_frame_budget_ms(double ms);

  // Once per frame. Returns the units of work done (0 when nothing is training).
  int run_frame();
  // Every remaining unit of the running job. Returns the units done.
  int run_to_end();

  // The longest single unit of work of the current (or last) run: what a frame can be held up by.
  struct UnitTiming {
    std::string what;
    double ms = 0;
    int units = 0;  // units timed in this run
  };
  const UnitTiming& longest_unit() const { return longest_; }
  // The same per phase of the run ("preparing", "fitting", "finishing", "done"): which part of
  // a run still has units too long for a frame.
  const std::map<std::string, UnitTiming>& longest_by_phase() const { return by_phase_; }

 private:
  bool run_unit(bool* was_fit_step);  // false when nothing is running

  Session& session_;
  NowMs now_ms_;
  bool slow_motion_ = true;  // the Train module starts in slow motion so the curve visibly grows
  double budget_ms_ = 8.0;
  std::string timed_run_;
  UnitTiming longest_;
  std::map<std::string, UnitTiming> by_phase_;
};

}  // namespace lab
