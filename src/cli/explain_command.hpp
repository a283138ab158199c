#pragma once
// `lab explain` and `lab importance`: a held-out row's prediction explained, and permutation
// importance of a run's features, printed as text (or the command's JSON with --json).
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
  "      column is shuffled (mean and std over the repeats)\n"

// verb: "explain" or "importance". Returns the process exit code.
int explain_command(Dispatcher& d, const std::string& verb, const std::map<std::string, std::string>& flags);

}  // namespace lab
