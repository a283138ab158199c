#pragma once
// `lab explain`, `lab importance` and `lab pdp`: a held-out row's prediction explained,
// permutation importance of a run's features, and one feature's partial dependence, printed as
// text (or the command's JSON with --json).
#include <map>
#include <string>

#include "commands/dispatcher.hpp"

namespace lab {

#define LAB_EXPLAIN_USAGE                                                                                   \
  "  lab explain --run RUN_ID --row N [--method shap|linear|lime] [--json] [--store DIR]\n"                  \
  "      why the model predicted what it did for held-out row N: the base value, each column's effect\n"     \
  "      (exact TreeSHAP for tree models, coefficient x standardised value for logistic regression)\n"       \
  "      and the prediction; the run's dataset must be the lab's current one (lab train loads it).\n"      \
  "  lab importance --run RUN_ID [--repeats 5] [--seed 0] [--json] [--store DIR]\n"                          \
  "      permutation importance: the drop in the run's main metric on its held-out rows when each\n"       \
  "      column is shuffled (mean and std over the repeats)\n"                                           \
  "  lab pdp --run RUN_ID --feature F [--grid 30] [--rows 1000] [--class C] [--json] [--store DIR]\n"      \
  "      partial dependence: the average answer over the held-out rows with F set to each value of a\n"    \
  "      grid (a number: 5th to 95th percentile; a category: each one); --json adds single rows (ICE)\n"

// verb: "explain", "importance" or "pdp". Returns the process exit code.
int explain_command(Dispatcher& d, const std::string& verb, const std::map<std::string, std::string>& flags);

}  // namespace lab
