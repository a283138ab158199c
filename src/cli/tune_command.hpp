#pragma once
// `lab tune`: the tune.run command with flags, printed as a leaderboard (or the reply as JSON).
#include <map>
#include <string>

#include "commands/dispatcher.hpp"

namespace lab {

#define LAB_TUNE_USAGE                                                                                          \
  "  lab tune [--csv FILE --target COL | --dataset NAME [--rows N]] [--algo hist_gbdt]\n"                       \
  "           [--strategy grid|random|halving] [--cv 5] [--trials 20] [--budget-s S] [--threads N]\n"            \
  "           [--space JSON] [--metric M] [--seed S] [--test-fraction F] [--factor 3]\n"                         \
  "           [--min-resources N|smallest|exhaust] [--resource auto|rows|n_estimators] [--max-resources N]\n"    \
  "           [--task T] [--run-name NAME] [--split-out FILE] [--store DIR] [--json]\n"                          \
  "      search a learner's parameters by k-fold CV on the training rows (a parent run, a child run per\n"       \
  "      trial), refit the best on all training rows and score it once on the test rows. A grid runs whole\n"    \
  "      unless --trials caps it; halving's --trials is its first rung's candidates. --space narrows\n"           \
  "      or fixes parameters, e.g. '{\"kernel\":[\"rbf\"],\"C\":{\"min\":0.1,\"max\":10},\"max_iter\":500}'.\n"   \
  "      --split-out writes the training and test row numbers (0-based data rows) as JSON.\n"

#define LAB_AUTOML_USAGE                                                                                        \
  "  lab automl [--csv FILE --target COL | --dataset NAME [--rows N]] [--metric roc_auc] [--budget-s 60]\n"    \
  "           [--threads N] [--cv 5] [--seed S] [--algos a,b] [--candidates-per-learner 6]\n"                  \
  "           [--recipe-out recipe.json] [--store DIR] [--json]\n"                                              \
  "      data checks, a baseline, then every learner for the task sharing one successive-halving budget;\n"     \
  "      the winner refit on all training rows. --recipe-out writes its recipe: `lab run recipe.json`\n"       \
  "      replays the winner's run with the same metrics, bit for bit.\n"

// Loads the data (as `lab train` does), runs tune.run, prints. Returns the exit code.
int tune_command(Dispatcher& d, const std::map<std::string, std::string>& flags);
// The same for automl.run.
int automl_command(Dispatcher& d, const std::map<std::string, std::string>& flags);

}  // namespace lab
