#include "commands/notebook_export.hpp"

#include <stdexcept>

#include "commands/run_recipe.hpp"
#include "core/notebook/notebook_writer.hpp"
#include "io/csv_export.hpp"

namespace lab {

using nlohmann::json;

namespace {

// Letters, digits, '-' and '_' only, so the name works as a file name on every system.
std::string file_safe(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (ok) out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 60);
}

// A column name the table does not use yet.
std::string free_column_name(const Table& t, std::string name) {
  while (t.find(name)) name += "_";
  return name;
}

}  // namespace

NotebookExport export_notebook(const Session& s, const std::string& run_id) {
  const Run run = s.store().get_run(run_id);
  if (run.info.status != RunStatus::Finished)
    throw std::invalid_argument("run " + run_id + " did not finish (" + to_string(run.info.status) +
                                "), so there is no result to reproduce; export a finished run");
  NotebookExport out;
  out.recipe = recipe_of_run(s, run_id);
  const auto hash_it = run.tags.find("lab.dataset.hash");
  const DatasetVersion data = dataset_of_recipe(s, out.recipe, hash_it == run.tags.end() ? "" : hash_it->second);
  const TrainRequest req = train_request_in(out.recipe);
  const TrainJob job(data.table, req);  // validates and splits only: the lab's rows for each part

  NotebookSpec spec;
  spec.run_id = run_id;
  spec.run_name = run.info.run_name.empty() ? run_id : run.info.run_name;
  spec.dataset_name = data.name;
  spec.dataset_hash = data.hash;
  out.base_name = file_safe(spec.run_name) + (spec.run_name.empty() ? "" : "-") + run_id.substr(0, 8);
  out.notebook_file = out.base_name + ".ipynb";
  out.script_file = out.base_name + ".py";
  out.data_file = spec.data_file = out.base_name + ".csv";

  // The data file: every row as the lab holds it, plus the split column.
  Table table = data.table;
  Column split;
  split.name = spec.split_column = free_column_name(table, "lab_split");
  split.type = ColumnType::Categorical;
  split.role = ColumnRole::Ignore;
  split.categories = {"train", "validation", "test", "unused"};
  split.values.assign(table.rows(), 3.0);
  for (size_t r : job.training_rows()) split.values[r] = 0.0;
  for (size_t r : job.validation_row_ids()) split.values[r] = 1.0;
  for (size_t r : job.test_rows()) split.values[r] = 2.0;
  table.columns.push_back(std::move(split));
  out.data = write_csv(table);

  const Column* target = data.table.target();
  spec.target = job.target_name();
  spec.target_is_category = target && target->type == ColumnType::Categorical;
  const TargetTask& task = job.target_task();
  spec.task = task.task;
  if (task.task != Task::Regression) {
    if (spec.target_is_category)
      for (const auto& n : task.class_names) spec.class_values.push_back(n);
    else
      for (double v : task.class_values) spec.class_values.push_back(v);
  }
  for (const auto& name : job.feature_names()) {
    const Column* c = data.table.find(name);
    (c && c->type == ColumnType::Categorical ? spec.categorical_inputs : spec.numeric_inputs).push_back(name);
  }
  spec.features = req.features;
  spec.algo = req.algo;
  spec.params = job.resolved_params();
  spec.seed = req.seed;
  for (const auto& [key, history] : run.metrics) {
    if (key == "train_loss" || key == "val_loss" || history.empty()) continue;
    if (const MetricPoint* m = run.latest(key)) spec.lab_metrics.push_back({key, m->value});
  }

  const auto cells = notebook_cells(spec);
  out.notebook = ipynb_text(cells);
  out.script = python_script_text(cells);
  return out;
}

}  // namespace lab
