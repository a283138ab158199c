#pragma once
// "Graduate to a notebook": any finished run as a Jupyter notebook, the same code as a Python
// script, and the data file both read. The data is the run's own dataset version written as CSV
// (made again from the run's recipe when it is not the current one) with one more column, the
// lab's split, so Python fits on the lab's training rows and scores the lab's test rows.
// Why a file and not the generator in Python: the workshop generators are the lab's C++ code; a
// Python copy would drift from it, the file cannot.
#include <nlohmann/json.hpp>
#include <string>

#include "commands/session.hpp"

namespace lab {

struct NotebookExport {
  std::string base_name;  // e.g. "loan-logistic-3f2a9c1e": the three files' common name
  std::string notebook_file, script_file, data_file;
  std::string notebook, script, data;  // their text
  nlohmann::json recipe;               // what it was made from
};

// Throws std::invalid_argument saying why when the run is unknown, unfinished or cannot be replayed.
NotebookExport export_notebook(const Session& s, const std::string& run_id);

}  // namespace lab
