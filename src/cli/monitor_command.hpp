#pragma once
// `lab monitor simulate|windows|metrics|ground-truth`: the monitor.* commands with flags.
#include <map>
#include <string>

#include "commands/dispatcher.hpp"

namespace lab {

#define LAB_MONITOR_USAGE                                                                                    \
  "  lab monitor simulate --endpoint E [--scenario stable|covariate_drift|concept_drift|data_quality]\n"   \
  "            [--days 14] [--requests 1000] [--seed 1] [--drift-day D] [--feature COL] [--store DIR]\n"    \
  "      production traffic through a deployed endpoint on a simulated clock, outcomes as ground truth\n"   \
  "  lab monitor windows --endpoint E [--window day|hour] [--store DIR]   the log per window and version\n" \
  "  lab monitor metrics --endpoint E [--store DIR]   Prometheus text format (what /metrics returns)\n"     \
  "  lab monitor ground-truth --endpoint E --request-id ID --actual VALUE [--store DIR]\n"

// `args`: the words after `monitor`; `flags`: the --options. Returns the exit code.
int monitor_command(Dispatcher& d, const std::vector<std::string>& args, const std::map<std::string, std::string>& flags);

}  // namespace lab
