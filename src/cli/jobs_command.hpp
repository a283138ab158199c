#pragma once
// `lab jobs list|create|run|approve|reject|history|wait`: the jobs.* commands with flags. Runs go
// to the end here (training unpaced), so `lab jobs run` prints the finished run.
#include <map>
#include <string>
#include <vector>

#include "commands/dispatcher.hpp"

namespace lab {

#define LAB_JOBS_USAGE                                                                                          \
  "  lab jobs create --endpoint E [--trigger manual|alert|schedule] [--rule rule-1] [--every-days 7]\n"        \
  "            [--window-days 7] [--margin 0.02] [--auto-promote true] [--name NAME] [--store DIR]\n"          \
  "      a retraining job: the champion's recipe on recent labelled requests, gates, @challenger, promotion\n" \
  "  lab jobs list | history [--job ID] | wait [--store DIR]   jobs; every run; run what triggers started\n"  \
  "  lab jobs run --job ID | approve [--run ID] | reject [--run ID] [--store DIR]\n"

// `args`: the words after `jobs`; `flags`: the --options. Returns the exit code.
int jobs_command(Dispatcher& d, const std::vector<std::string>& args, const std::map<std::string, std::string>& flags);

}  // namespace lab
