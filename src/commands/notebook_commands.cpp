// recipe.get: any finished run's recipe. recipe.notebook: the run as a Jupyter notebook, the same
// code as a script, and its data file (commands/notebook_export.hpp), as text or as one tar.
#include <fstream>

#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"
#include "commands/notebook_export.hpp"
#include "commands/run_recipe.hpp"
#include "io/tar_archive.hpp"

namespace lab {

using nlohmann::json;

namespace {

json file_list(const NotebookExport& e) {
  return json::array({{{"name", e.notebook_file}, {"text", e.notebook}},
                      {{"name", e.script_file}, {"text", e.script}},
                      {{"name", e.data_file}, {"text", e.data}}});
}

// The three files in a folder named after the run, as one archive written to `path`.
json write_tar(const Session& s, const NotebookExport& e, const std::string& path) {
  std::vector<tar::Entry> entries = {{e.base_name, true, ""}};
  for (const auto& f : file_list(e)) entries.push_back({e.base_name + "/" + f["name"].get<std::string>(), false, f["text"].get<std::string>()});
  const std::string bytes = tar::write(entries, s.store().now_ms() / 1000);
  std::ofstream out(path, std::ios::binary);
  if (!(out << bytes)) throw std::invalid_argument("cannot write the notebook archive to '" + path + "'");
  return {{"path", path}, {"filename", e.base_name + ".tar"}, {"bytes", bytes.size()}};
}

}  // namespace

void register_notebook_commands(Dispatcher& d, Session& s) {
  d.add("recipe.get", "any finished run's recipe, the command list that remakes its data and trains it again: {run_id}",
        [&s](const json& a) {
          const std::string id = args::required_str(a, "run_id");
          return json{{"run_id", id}, {"recipe", recipe_of_run(s, id)}};
        });
  d.add("recipe.notebook",
        "a finished run as a Jupyter notebook (pandas, scikit-learn, xgboost, MLflow) with the same code as a .py "
        "and the data file both read (the run's rows and the lab's split): {run_id, format: ipynb (default) | py | "
        "csv | all | tar, path (tar: where to write it)}. Replies {filename, text} (all: files [{name, text}]; tar: "
        "{path, filename, bytes}) and data_filename, the CSV to keep beside the notebook",
        [&s](const json& a) {
          const std::string id = args::required_str(a, "run_id");
          const std::string format = args::str(a, "format", "ipynb");
          if (format != "ipynb" && format != "py" && format != "csv" && format != "all" && format != "tar")
            throw std::invalid_argument("field 'format' must be ipynb, py, csv, all or tar, got '" + format + "'");
          const NotebookExport e = export_notebook(s, id);
          json j = {{"run_id", id}, {"data_filename", e.data_file}, {"notebook_filename", e.notebook_file},
                    {"script_filename", e.script_file}};
          if (format == "ipynb") j["filename"] = e.notebook_file, j["text"] = e.notebook;
          if (format == "py") j["filename"] = e.script_file, j["text"] = e.script;
          if (format == "csv") j["filename"] = e.data_file, j["text"] = e.data;
          if (format == "all") j["files"] = file_list(e);
          if (format == "tar") j.update(write_tar(s, e, args::required_str(a, "path")));
          return j;
        });
}

}  // namespace lab
