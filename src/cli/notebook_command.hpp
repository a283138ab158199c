#pragma once
// `lab notebook`: a finished run as a Jupyter notebook, the same code as a .py, and the data file
// (the recipe.notebook command), written into a folder.
#include <map>
#include <string>

#include "commands/dispatcher.hpp"

namespace lab {

#define LAB_NOTEBOOK_USAGE                                                                                  \
  "  lab notebook --run ID [--out DIR] [--store DIR] [--json]\n"                                           \
  "      write run ID as NAME.ipynb, NAME.py (the same code) and NAME.csv (its rows and the lab's split)\n"   \
  "      into DIR (default .): pandas, scikit-learn (xgboost for hist_gbdt) and MLflow's client redo the\n"    \
  "      run and score the lab's test rows. Run it: cd DIR && MLFLOW_TRACKING_URI=./mlruns python3 NAME.py\n"

// Returns the exit code.
int notebook_command(Dispatcher& d, const std::map<std::string, std::string>& flags);

}  // namespace lab
