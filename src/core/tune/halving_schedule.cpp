#include "core/tune/halving_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>


namespace lab {

namespace {

// floor(log(x, base)) as Python computes it: log(x) / log(base) in floating point, so
// log(243, 3) is 4.999... and floors to 4 there as here (scikit-learn inherits the quirk). The C
// library's log (correctly rounded for these inputs in glibc and in Emscripten's musl) gives
// Python's values; det::log is 1 ulp off at log(3), which would turn that 4 into a 5. The wasm
// run of tests/core/tune/halving_schedule_test.cpp checks the browser build against
// scikit-learn too.
int floor_log(double x, double base) { return int(std::floor(std::log(x) / std::log(base))); }

int64_t parse_count(const std::string& s) {
  size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(s, &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != s.size() || v < 1)
    throw std::invalid_argument("min_resources must be a whole number of at least 1, \"smallest\" or \"exhaust\", got '" +
                                s + "'");
  return v;
}

}  // namespace

int64_t smallest_resources(bool resource_is_rows, int cv, int n_classes) {
  if (!resource_is_rows) return 1;
  return int64_t(2) * cv * std::max(1, n_classes);
}

HalvingSchedule halving_schedule(int64_t n_candidates, int factor, const std::string& min_resources, int64_t smallest,
                                 int64_t max_resources, bool aggressive_elimination) {
  if (factor < 2) throw std::invalid_argument("the halving factor must be 2 or more, got " + std::to_string(factor));
  if (n_candidates < 1)
    throw std::invalid_argument("successive halving needs at least one candidate; raise the number of trials");
  HalvingSchedule s;
  s.min_resources = min_resources == "smallest" || min_resources == "exhaust" ? smallest : parse_count(min_resources);
  s.required_rungs = 1 + floor_log(double(n_candidates), factor);
  if (min_resources == "exhaust") {
    int64_t power = 1;
    for (int i = 0; i < s.required_rungs - 1; ++i) power *= factor;
    s.min_resources = std::max(s.min_resources, max_resources / power);
  }
  if (s.min_resources > max_resources)
    throw std::invalid_argument("successive halving: min_resources (" + std::to_string(s.min_resources) +
                                ") is more than max_resources (" + std::to_string(max_resources) +
                                "); use more rows or fewer folds/classes per rung, or a smaller min_resources");
  s.possible_rungs = 1 + floor_log(double(max_resources / s.min_resources), factor);
  const int rungs = aggressive_elimination ? s.required_rungs : std::min(s.possible_rungs, s.required_rungs);
  int64_t candidates = n_candidates;
  for (int r = 0; r < rungs; ++r) {
    const int power = aggressive_elimination ? std::max(0, r - s.required_rungs + s.possible_rungs) : r;
    int64_t res = s.min_resources;
    for (int i = 0; i < power; ++i) res *= factor;
    s.rungs.push_back({std::min(res, max_resources), candidates});
    candidates = (candidates + factor - 1) / factor;
  }
  return s;
}

}  // namespace lab
