#pragma once
// A lab run as a Jupyter notebook: markdown cells that explain each step in plain words and code
// cells (pandas, scikit-learn, xgboost for the boosted learner, MLflow's Python client) that load
// the data file written beside it, use the lab's own train/test rows, build the same feature
// steps and learner, score the test rows with the metric the lab logged, compare, and log a run
// to MLflow. The same code is also written as a plain Python script.
#include <string>
#include <vector>

#include "core/notebook/notebook_spec.hpp"

namespace lab {

struct NotebookCell {
  bool markdown = false;
  std::string text;  // lines separated by '\n', no trailing newline needed
};

// Throws std::invalid_argument when the run cannot be translated (an unknown learner or spec).
std::vector<NotebookCell> notebook_cells(const NotebookSpec& spec);

// nbformat 4.5 JSON (a kernelspec for Python 3; cells with ids, no outputs yet).
std::string ipynb_text(const std::vector<NotebookCell>& cells);
// The code cells in order, each markdown cell as a block of '#' comments above its code.
std::string python_script_text(const std::vector<NotebookCell>& cells);

}  // namespace lab
