#include <cmath>
#include <map>

#include "commands/command_areas.hpp"
#include "commands/incoming_file.hpp"
#include "commands/json_args.hpp"
#include "core/data/dataset_catalog.hpp"
#include "core/data/split.hpp"
#include "core/data/target_task.hpp"
#include "io/csv_export.hpp"

namespace lab {

using nlohmann::json;

namespace {

const DatasetVersion& current(const Session& s) {
  const auto& d = s.dataset();
  if (!d) throw std::invalid_argument("no dataset yet; run data.generate or data.import_csv first");
  return *d;
}

json summary(const DatasetVersion& d) {
  const Column* target = d.table.target();
  json j = {{"dataset", d.name}, {"rows", d.table.rows()}, {"columns", d.table.cols()}, {"hash", d.hash},
            {"source", d.source}, {"target", target ? json(target->name) : json(nullptr)}};
  if (!d.import_note.empty()) j["import_note"] = d.import_note;
  if (target) {
    j["task_choice"] = d.task;
    try {
      TargetTask t = detect_target_task(*target, d.task);
      j["task"] = to_string(t.task);
      j["task_reason"] = t.reason;
      if (t.task != Task::Regression) j["classes"] = t.class_names;
    } catch (const std::invalid_argument& e) {
      j["task_error"] = e.what();
    }
    size_t missing = 0;
    for (double v : target->values) missing += std::isnan(v) ? 1 : 0;
    j["rows_missing_target"] = missing;  // training drops these rows
  }
  return j;
}

// Larger files would not fit the browser's heap once parsed; the message suggests a sample.
constexpr size_t kMaxImportBytes = size_t(200) * 1024 * 1024;

std::string file_name_of(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

json finite_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

}  // namespace

void register_data_commands(Dispatcher& d, Session& s) {
  d.add("data.datasets", "the workshop datasets: name, label, task, target, generating process or source",
        [](const json&) {
          json out = json::array();
          for (const auto& i : dataset_catalog())
            out.push_back({{"name", i.name}, {"label", i.label}, {"task", i.task}, {"target", i.target},
                           {"generated", i.generated}, {"process", i.process}});
          return json{{"datasets", out}};
        });
  d.add("data.generate",
        "generate or load a workshop dataset: {dataset: loan|churn|production_hours|iris|wine|breast_cancer, rows, seed}",
        [&s](const json& a) {
          std::string name = args::str(a, "dataset", "loan");
          int64_t rows = args::integer(a, "rows", 5000);
          int64_t seed = args::integer(a, "seed", 42);
          if (rows <= 0) throw std::invalid_argument("field 'rows' must be a positive number of rows, got " + std::to_string(rows));
          if (seed < 0) throw std::invalid_argument("field 'seed' must be 0 or more, got " + std::to_string(seed));
          json j = summary(s.generate(name, rows, uint64_t(seed)));
          j["process"] = s.dataset()->process;
          return j;
        });
  d.add("data.import_csv",
        "import a CSV file: {path | text, name, target}; path reads the file's bytes (UTF-8, UTF-16 with a "
        "byte-order mark, else Windows-1252 with a note); text is the content as one string",
        [&s](const json& a) {
          if (a.contains("path")) {
            const std::string path = args::required_str(a, "path");
            return summary(s.import_csv(args::str(a, "name", file_name_of(path)), read_incoming_file(path, kMaxImportBytes),
                                        args::str(a, "target", "")));
          }
          if (!a.contains("text"))
            throw std::invalid_argument("field 'text' (the CSV content as one string) or 'path' (a CSV file) is required");
          std::string text = args::str(a, "text", "");
          return summary(s.import_csv(args::str(a, "name", "imported"), text, args::str(a, "target", "")));
        });
  d.add("data.summary",
        "the current dataset: name, rows, columns, target, task (with the reason and the choice), rows without a "
        "target value, and how the file was read (import_note)",
        [&s](const json&) { return summary(current(s)); });
  d.add("data.set_task",
        "choose what the target asks for: {task: auto|binary|multiclass|regression}; refused with the reason "
        "when the target cannot serve it (e.g. regression on text labels); runs use it unless they name a task",
        [&s](const json& a) { return summary(s.set_task(args::required_str(a, "task"))); });
  d.add("data.export_csv", "the current dataset as CSV text: {} -> {filename, text}", [&s](const json&) {
    const auto& ds = current(s);
    return json{{"filename", ds.name + "-" + ds.hash.substr(0, 8) + ".csv"}, {"text", write_csv(ds.table)}};
  });
  d.add("data.set_target", "choose the target column: {column}; makes a new dataset version", [&s](const json& a) {
    return summary(s.set_target(args::required_str(a, "column")));
  });
  d.add("data.set_role",
        "give a column a role: {column, role: feature|target|id|time|ignore}; only feature columns are model inputs; "
        "makes a new dataset version",
        [&s](const json& a) {
          const auto& ds = s.set_role(args::required_str(a, "column"), args::required_str(a, "role"));
          json j = summary(ds);
          const ColumnSchema* c = ds.schema.find(args::required_str(a, "column"));
          j["column"] = c->name;
          j["role"] = to_string(c->role);
          j["role_reason"] = c->role_reason;
          json features = json::array();
          for (const Column* f : ds.table.features()) features.push_back(f->name);
          j["features"] = features;
          return j;
        });
  d.add("data.quality", "the quality checklist of the current dataset: pass/warn/fail with a message each",
        [&s](const json&) {
          const auto& ds = current(s);
          json items = json::array();
          size_t counts[3] = {0, 0, 0};
          for (const auto& q : s.quality()) {
            ++counts[int(q.status)];
            items.push_back({{"check", q.check}, {"column", q.column}, {"status", to_string(q.status)},
                             {"message", q.message}});
          }
          return json{{"checks", items}, {"pass", counts[0]}, {"warn", counts[1]}, {"fail", counts[2]},
                      {"hash", ds.hash}};
        });
  d.add("data.kfold", "k-fold split of the current dataset: {k, seed}; stratified for classification targets",
        [&s](const json& a) {
          const auto& ds = current(s);
          int64_t k = args::integer(a, "k", 5), seed = args::integer(a, "seed", 42);
          if (k < 2 || k > 100) throw std::invalid_argument("field 'k' must be between 2 and 100, got " + std::to_string(k));
          if (seed < 0) throw std::invalid_argument("field 'seed' must be 0 or more, got " + std::to_string(seed));
          const Column* target = ds.table.target();
          Folds folds;
          bool stratified = false;
          std::vector<double> labels;
          if (target) {
            TargetTask t = detect_target_task(*target, ds.task);
            if (t.task != Task::Regression) {
              stratified = true;
              for (double v : target->values) labels.push_back(t.label_of(v));
              for (double& l : labels)
                if (std::isnan(l)) l = -1;  // missing target: its own group
              folds = stratified_kfold(labels, int(k), uint64_t(seed));
            }
          }
          if (!stratified) folds = kfold(ds.table.rows(), int(k), uint64_t(seed));
          json out = json::array();
          for (const auto& f : folds) {
            json fold = {{"test_rows", f.size()}, {"train_rows", ds.table.rows() - f.size()}};
            if (stratified) {
              std::map<double, size_t> per;
              for (size_t r : f) ++per[labels[r]];
              json counts = json::array();
              for (auto& [label, n] : per) counts.push_back(n);
              fold["class_counts"] = counts;
            }
            out.push_back(fold);
          }
          return json{{"k", k}, {"stratified", stratified}, {"folds", out}, {"hash", ds.hash}};
        });
  d.add("data.preview", "rows of the current dataset: {offset, limit}", [&s](const json& a) {
    const auto& ds = current(s);
    int64_t offset = args::integer(a, "offset", 0), limit = args::integer(a, "limit", 20);
    if (offset < 0 || limit < 0 || limit > 10000)
      throw std::invalid_argument("offset must be >= 0 and limit between 0 and 10000");
    json cols = json::array(), rows = json::array();
    for (const auto& c : ds.table.columns) cols.push_back(c.name);
    for (size_t r = size_t(offset); r < ds.table.rows() && r < size_t(offset + limit); ++r) {
      json row = json::array();
      for (size_t c = 0; c < ds.table.cols(); ++c) {
        const Column& col = ds.table.columns[c];
        double v = col.values[r];
        if (std::isnan(v)) row.push_back(nullptr);
        else if (col.type == ColumnType::Categorical) row.push_back(ds.table.cell_text(r, c));
        else row.push_back(v);
      }
      rows.push_back(row);
    }
    return json{{"columns", cols}, {"rows", rows}, {"total_rows", ds.table.rows()}, {"hash", ds.hash}};
  });
  d.add("data.schema", "the inferred schema of the current dataset", [&s](const json&) {
    const auto& ds = current(s);
    json cols = json::array();
    for (const auto& c : ds.schema.columns) {
      json j = {{"name", c.name}, {"type", to_string(c.type)}, {"role", to_string(c.role)},
                {"role_reason", c.role_reason}, {"description", c.description}, {"missing", c.missing}, {"distinct", c.distinct}};
      if (c.type == ColumnType::Numeric) {
        j["min"] = c.min;
        j["max"] = c.max;
        j["mean"] = c.mean;
        j["valid_min"] = finite_or_null(c.valid_min);
        j["valid_max"] = finite_or_null(c.valid_max);
      } else {
        j["categories"] = c.categories;
        j["category_counts"] = c.category_counts;
      }
      cols.push_back(j);
    }
    return json{{"columns", cols}, {"hash", ds.hash}, {"process", ds.process}};
  });
}

}  // namespace lab
