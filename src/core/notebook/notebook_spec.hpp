#pragma once
// Everything the notebook writer needs to know about one lab run, gathered by the commands layer
// (commands/notebook_export.hpp): the data file written beside the notebook, which rows the lab
// trained, validated and tested on, the columns and their kinds, the feature spec, the learner and
// its resolved params, and the metrics the lab logged (so the notebook can compare).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/models/learner.hpp"

namespace lab {

struct NotebookSpec {
  std::string run_id, run_name;
  std::string dataset_name, dataset_hash;
  std::string data_file;     // the CSV beside the notebook (the rows the lab's run saw, exactly)
  std::string split_column;  // in that CSV: train | validation | test | unused (no target value)
  std::string target;
  bool target_is_category = false;  // read the target as text
  Task task = Task::Binary;
  // Classification: the target value of learner label 0, 1, ... (numbers or category names).
  nlohmann::json class_values = nlohmann::json::array();
  // The model's inputs in the lab's order, less the spec's "drop": numbers and categories.
  std::vector<std::string> numeric_inputs, categorical_inputs;
  nlohmann::json features = nlohmann::json::object();  // the feature spec (feature_pipeline.hpp)
  std::string algo;
  nlohmann::json params = nlohmann::json::object();  // resolved against the learner's ParamSpecs
  uint64_t seed = 42;
  std::vector<std::pair<std::string, double>> lab_metrics;  // as the run logged them
};

}  // namespace lab
