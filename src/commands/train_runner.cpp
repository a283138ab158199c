#include "commands/train_runner.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>
#include <stdexcept>

#include "commands/session.hpp"

namespace lab {

namespace {
// This thread's CPU time: what bench/train_units.sh times units with (LAB_UNIT_CLOCK=cpu), since
// on a shared machine the wall clock also counts the waits for a free core.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}
double steady_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}
TrainRunner::NowMs default_clock() {
  const char* clock = std::getenv("LAB_UNIT_CLOCK");
  return clock && std::string(clock) == "cpu" ? TrainRunner::NowMs(thread_cpu_ms) : TrainRunner::NowMs(steady_ms);
}
}  // namespace

TrainRunner::TrainRunner(Session& session, NowMs now_ms)
    : session_(session), now_ms_(now_ms ? std::move(now_ms) : default_clock()) {}

void TrainRunner::set_frame_budget_ms(double ms) {
  if (!(ms >= 1 && ms <= 1000)) throw std::invalid_argument("the frame budget must be between 1 and 1000 ms");
  budget_ms_ = ms;
}

bool TrainRunner::run_unit(bool* was_fit_step) {
  const TrainProgress& t = session_.training();
  if (t.state != TrainState::Running) return false;
  if (t.run_id != timed_run_) {
    timed_run_ = t.run_id;
    longest_ = {};
    by_phase_.clear();
  }
  const double start = now_ms_();
  std::optional<TrainUnit> u = session_.advance_training();
  const double took = now_ms_() - start;
  if (!u) return false;
  ++longest_.units;
  if (took > longest_.ms) longest_.ms = took, longest_.what = u->what;
  UnitTiming& phase = by_phase_[to_string(u->phase)];
  ++phase.units;
  if (took > phase.ms) phase.ms = took, phase.what = u->what;
  if (was_fit_step) *was_fit_step = u->fit.has_value();
  return true;
}

int TrainRunner::run_frame() {
  const double start = now_ms_();
  int units = 0;
  bool fit_step = false;
  while (run_unit(&fit_step)) {
    ++units;
    if (slow_motion_ && fit_step) break;  // one point of the curve per frame
    if (now_ms_() - start >= budget_ms_) break;
  }
  return units;
}

int TrainRunner::run_to_end() {
  int units = 0;
  while (run_unit(nullptr)) ++units;
  return units;
}

}  // namespace lab
