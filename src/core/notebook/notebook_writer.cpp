#include "core/notebook/notebook_writer.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/models/learner_registry.hpp"
#include "core/notebook/python_features.hpp"
#include "core/notebook/python_learner.hpp"
#include "core/notebook/python_literal.hpp"

namespace lab {

using nlohmann::json;

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string task_words(Task t) {
  return t == Task::Binary ? "a yes/no (binary) classification" : t == Task::Multiclass ? "a classification into several classes" : "a regression (predicting a number)";
}

const char* headline_metric(Task t) { return t == Task::Binary ? "roc_auc" : t == Task::Multiclass ? "accuracy" : "rmse"; }

std::string metric_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

NotebookCell md(std::string text) { return {true, std::move(text)}; }
NotebookCell code(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return {false, std::move(text)};
}

NotebookCell intro(const NotebookSpec& s, const std::string& learner_label, bool xgb) {
  std::string lab_value;
  for (const auto& [k, v] : s.lab_metrics)
    if (k == headline_metric(s.task)) lab_value = " The lab measured a test " + k + " of " + metric_text(v) + ".";
  return md("# " + s.run_name + ": the lab's run as a notebook\n\n"
            "This notebook repeats, in Python, what the lab did for run `" + s.run_id + "`: a " + learner_label +
            " trained on the " + s.dataset_name + " data to predict `" + s.target + "`, " + task_words(s.task) + "." +
            lab_value + "\n\n"
            "Each step below uses the common Python tools: pandas for the table, scikit-learn for the feature "
            "steps" + std::string(xgb ? ", xgboost for the boosted trees" : " and the model") +
            ", and MLflow's client to record the result as a run. It scores exactly the rows the lab tested on, so "
            "the numbers can be compared.\n\n"
            "From here on the code is yours: change a step, add one, try another model. Keep the data file `" +
            s.data_file + "` next to this notebook.");
}

NotebookCell imports_cell(const NotebookSpec& s, const PythonFeatures& f, const PythonLearner& l) {
  std::vector<std::string> lines = {"import json", "import os", "", "import numpy as np", "import pandas as pd"};
  for (const auto& i : f.imports) lines.push_back(i);
  lines.push_back(l.import_line);
  if (s.task == Task::Regression)
    lines.push_back("from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score");
  else
    lines.push_back("from sklearn.metrics import accuracy_score, f1_score, log_loss, roc_auc_score");
  json metrics = json::object();
  for (const auto& [k, v] : s.lab_metrics) metrics[k] = v;
  lines.insert(lines.end(),
               {"",
                "# Where things are: the data file written with this notebook, and where MLflow records runs (a",
                "# folder, or a tracking server's address). Environment variables override both.",
                "DATA_CSV = os.environ.get(\"LAB_DATA_CSV\", " + py::str(s.data_file) + ")",
                "TRACKING_URI = os.environ.get(\"MLFLOW_TRACKING_URI\", \"./mlruns\")",
                "EXPERIMENT = os.environ.get(\"MLFLOW_EXPERIMENT_NAME\", \"mlops-lab notebooks\")",
                "",
                "# The lab's run: its learner, parameters, seed and the test metrics it logged.",
                "RUN_ID = " + py::str(s.run_id),
                "RUN_NAME = " + py::str(s.run_name),
                "DATASET = " + py::str(s.dataset_name),
                "DATASET_HASH = " + py::str(s.dataset_hash),
                "ALGO = " + py::str(s.algo),
                "LAB_PARAMS = " + py::value(s.params),
                "SEED = " + py::integer(int64_t(s.seed)),
                "LAB_METRICS = " + py::value(metrics)});
  return code(join_lines(lines));
}

NotebookCell data_md(const NotebookSpec& s) {
  return md("## The data\n\n"
            "The lab wrote the rows this run saw to `" + s.data_file + "`, value for value. (The workshop's data "
            "generators live inside the lab, so a file is the honest way to start from the very same numbers.) "
            "Text columns are read as text, and only empty cells count as missing, as in the lab.\n\n"
            "The column `" + s.split_column + "` says what the lab used each row for: `train` rows fitted the model, "
            "`validation` rows (only with early stopping) told it when to stop, `test` rows were kept aside to score "
            "it once. Rows without a target value are `unused`.");
}

NotebookCell data_code(const NotebookSpec& s) {
  std::vector<std::string> text_cols = s.categorical_inputs;
  if (s.target_is_category) text_cols.push_back(s.target);
  return code("TEXT_COLUMNS = " + py::strings(text_cols) + "\n" +
              "df = pd.read_csv(DATA_CSV, dtype={c: str for c in TEXT_COLUMNS}, keep_default_na=False, na_values=[\"\"])\n"
              "print(f\"{len(df)} rows, {df.shape[1]} columns\")\n"
              "df.head()\n");
}

NotebookCell target_md(const NotebookSpec& s) {
  std::string how = s.task == Task::Regression
                        ? "The target is a number, used as it is."
                        : "Each class gets a number, 0, 1, ..., in the lab's order (sorted), so class 1 is the one "
                          "the lab's probabilities and its AUC are about.";
  return md("## The target and the lab's split\n\n" + how +
            " The masks below pick the lab's training, validation and test rows from the split column.");
}

NotebookCell target_code(const NotebookSpec& s) {
  std::string c = "TARGET = " + py::str(s.target) + "\nSPLIT = " + py::str(s.split_column) + "\n";
  if (s.task == Task::Regression) {
    c += "y = df[TARGET].astype(float)\n";
  } else {
    c += "CLASSES = " + py::value(s.class_values) + "  # the target value of label 0, 1, ...\n";
    c += std::string("y = df[TARGET]") + (s.target_is_category ? "" : ".astype(float)") +
         ".map({v: i for i, v in enumerate(CLASSES)})\n";
  }
  c += "fit_rows = (df[SPLIT] == \"train\").to_numpy()\n"
       "validation_rows = (df[SPLIT] == \"validation\").to_numpy()\n"
       "test_rows = (df[SPLIT] == \"test\").to_numpy()\n"
       "training_rows = fit_rows | validation_rows\n"
       "print(f\"train {fit_rows.sum()}, validation {validation_rows.sum()}, test {test_rows.sum()}\")\n";
  return code(c);
}

NotebookCell features_md(const NotebookSpec&, const PythonFeatures& f) {
  std::string text = "## Feature steps\n\nThe same steps as the lab's feature pipeline, learned from the training "
                     "rows only (never the test rows) and then applied to every row:\n\n";
  for (const auto& step : f.steps) text += "- " + step + "\n";
  return md(text);
}

// early_stopping: the lab's validation rows are transformed too (only then are there any).
NotebookCell features_code(const NotebookSpec& s, const PythonFeatures& f, bool early_stopping) {
  const std::string label_type = s.task == Task::Regression ? "" : ".astype(int)";
  return code(f.transformer_code +
              "X = df[INPUTS]\n"
              "features.fit(X[training_rows])\n"
              "X_fit, y_fit = features.transform(X[fit_rows]), y[fit_rows].to_numpy()" + label_type + "\n" +
              (early_stopping ? "X_validation, y_validation = features.transform(X[validation_rows]), "
                                "y[validation_rows].to_numpy()" + label_type + "\n"
                              : std::string()) +
              "X_test, y_test = features.transform(X[test_rows]), y[test_rows].to_numpy()" + label_type + "\n" +
              "print(f\"{X_fit.shape[1]} model inputs\")\n");
}

NotebookCell model_md(const PythonLearner& l) {
  std::string text = "## The model\n\n" + l.summary + "\n";
  if (!l.differences.empty()) {
    text += "\nWhat is not exactly the same as in the lab:\n\n";
    for (const auto& d : l.differences) text += "- " + d + "\n";
  }
  return md(text);
}

NotebookCell model_code(const PythonLearner& l) {
  std::string c;
  for (const auto& d : l.differences) c += "# Differs from the lab: " + d + "\n";
  return code(c + "model = " + l.constructor + "\nmodel\n");
}

NotebookCell score_md(const NotebookSpec& s) {
  return md("## Fit and score the test rows\n\n"
            "The model learns from the training rows, then predicts the test rows the lab scored. The table "
            "compares each metric with the lab's: small differences come from the points listed above; the " +
            std::string(headline_metric(s.task)) + " should be close.");
}

NotebookCell score_code(const NotebookSpec& s, const PythonLearner& l) {
  std::string c = l.early_stopping_rounds > 0
                      ? "model.fit(X_fit, y_fit, eval_set=[(X_validation, y_validation)], verbose=False)\n"
                      : "model.fit(X_fit, y_fit)\n";
  if (s.task == Task::Binary)
    c += "p = model.predict_proba(X_test)[:, 1]  # the probability of class 1\n"
         "predicted = (p >= 0.5).astype(int)\n"
         "metrics = {\n"
         "    \"accuracy\": float(accuracy_score(y_test, predicted)),\n"
         "    \"f1\": float(f1_score(y_test, predicted)),\n"
         "    \"roc_auc\": float(roc_auc_score(y_test, p)),\n"
         "    \"log_loss\": float(log_loss(y_test, p, labels=[0, 1])),\n"
         "}\n";
  else if (s.task == Task::Multiclass)
    c += "P = model.predict_proba(X_test)  # one column per class\n"
         "predicted = P.argmax(axis=1)\n"
         "metrics = {\n"
         "    \"accuracy\": float(accuracy_score(y_test, predicted)),\n"
         "    \"macro_f1\": float(f1_score(y_test, predicted, average=\"macro\")),\n"
         "    \"roc_auc_ovr\": float(roc_auc_score(y_test, P, multi_class=\"ovr\", labels=list(range(len(CLASSES))))),\n"
         "    \"log_loss\": float(log_loss(y_test, P, labels=list(range(len(CLASSES))))),\n"
         "}\n";
  else
    c += "predicted = model.predict(X_test)\n"
         "metrics = {\n"
         "    \"rmse\": float(np.sqrt(mean_squared_error(y_test, predicted))),\n"
         "    \"mae\": float(mean_absolute_error(y_test, predicted)),\n"
         "    \"r2\": float(r2_score(y_test, predicted)),\n"
         "}\n";
  c += "for name, value in metrics.items():\n"
       "    lab = LAB_METRICS.get(name)\n"
       "    compared = \"\" if lab is None else f\"   lab {lab:.4f}   difference {value - lab:+.4f}\"\n"
       "    print(f\"{name:12s} notebook {value:.4f}{compared}\")\n";
  return code(c);
}

NotebookCell mlflow_md() {
  return md("## Record the run in MLflow\n\n"
            "The parameters, the test metrics and the fitted feature steps with the model (one scikit-learn "
            "Pipeline, so loading it predicts from raw columns) go to MLflow, in the folder or server named by "
            "`TRACKING_URI`. The run is tagged with the lab run it came from. `mlflow ui` shows it beside the "
            "lab's own runs when both use the same store.");
}

NotebookCell mlflow_code(const PythonLearner& l) {
  std::string reqs = "[f\"scikit-learn=={sklearn.__version__}\", f\"pandas=={pd.__version__}\"" +
                     std::string(l.xgboost ? ", f\"xgboost=={xgboost.__version__}\"" : "") + "]";
  return code(std::string("import mlflow\nimport mlflow.sklearn\nimport sklearn\n") + (l.xgboost ? "import xgboost\n" : "") +
              "\n"
              "mlflow.set_tracking_uri(TRACKING_URI)\n"
              "mlflow.set_experiment(EXPERIMENT)\n"
              "with mlflow.start_run(run_name=RUN_NAME + \" (notebook)\") as run:\n"
              "    mlflow.log_params({\"algo\": ALGO, \"seed\": SEED, \"estimator\": type(model).__name__, **LAB_PARAMS})\n"
              "    mlflow.set_tags({\"lab.source_run_id\": RUN_ID, \"lab.dataset.name\": DATASET, \"lab.dataset.hash\": DATASET_HASH})\n"
              "    mlflow.log_metrics(metrics)\n"
              "    # Requirements named here, so MLflow need not look them up on the internet.\n"
              "    mlflow.sklearn.log_model(Pipeline([(\"features\", features), (\"model\", model)]), \"model\",\n"
              "                             pip_requirements=" + reqs + ")\n"
              "# One line for scripts (and tests) to read.\n"
              "print(json.dumps({\"mlflow_run_id\": run.info.run_id, \"metrics\": metrics, \"lab_metrics\": LAB_METRICS}))\n");
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

std::vector<NotebookCell> notebook_cells(const NotebookSpec& s) {
  const PythonFeatures f = python_features(s.features, s.numeric_inputs, s.categorical_inputs);
  const PythonLearner l = python_learner(s.algo, s.params, s.task);
  std::vector<NotebookCell> cells = {intro(s, learner_info(s.algo).label, l.xgboost), imports_cell(s, f, l),
                                     data_md(s), data_code(s), target_md(s), target_code(s)};
  if (!f.derive_code.empty()) {
    cells.push_back(md("## Derived columns\n\nThe new columns the lab's feature spec asked for, computed from the "
                       "raw ones before anything is filled in or scaled."));
    cells.push_back(code(f.derive_code));
  }
  cells.insert(cells.end(), {features_md(s, f), features_code(s, f, l.early_stopping_rounds > 0), model_md(l), model_code(l), score_md(s),
                             score_code(s, l), mlflow_md(), mlflow_code(l)});
  return cells;
}

std::string ipynb_text(const std::vector<NotebookCell>& cells) {
  json out_cells = json::array();
  int n = 0;
  for (const auto& c : cells) {
    json source = json::array();
    const auto lines = split_lines(c.text);
    for (size_t i = 0; i < lines.size(); ++i) source.push_back(lines[i] + (i + 1 < lines.size() ? "\n" : ""));
    char id[16];
    std::snprintf(id, sizeof id, "lab-cell-%02d", ++n);
    json cell = {{"cell_type", c.markdown ? "markdown" : "code"}, {"id", id}, {"metadata", json::object()}, {"source", source}};
    if (!c.markdown) {
      cell["execution_count"] = nullptr;
      cell["outputs"] = json::array();
    }
    out_cells.push_back(cell);
  }
  json nb = {{"cells", out_cells},
             {"metadata",
              {{"kernelspec", {{"display_name", "Python 3"}, {"language", "python"}, {"name", "python3"}}},
               {"language_info", {{"name", "python"}}}}},
             {"nbformat", 4},
             {"nbformat_minor", 5}};
  return nb.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string python_script_text(const std::vector<NotebookCell>& cells) {
  std::string out = "#!/usr/bin/env python3\n# The same code as the notebook beside it, as one script (generated by mlops-lab).\n";
  for (const auto& c : cells) {
    out += "\n";
    if (c.markdown) {
      for (const auto& line : split_lines(c.text)) out += line.empty() ? "#\n" : "# " + line + "\n";
    } else {
      out += c.text + "\n";
    }
  }
  return out;
}

}  // namespace lab
