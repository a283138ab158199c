#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"
#include "io/store_archive.hpp"

namespace lab {

using nlohmann::json;

namespace {
std::vector<std::string> string_list(const json& a, const char* key) {
  std::vector<std::string> out;
  if (!a.contains(key) || a[key].is_null()) return out;
  if (!a[key].is_array()) throw std::invalid_argument(std::string("field '") + key + "' must be a list of strings");
  for (const auto& v : a[key]) {
    if (!v.is_string()) throw std::invalid_argument(std::string("field '") + key + "' must be a list of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}
}  // namespace

void register_store_commands(Dispatcher& d, Session& s) {
  d.add("store.export",
        "write the store (or {experiment_ids: [...]}) as a tar archive of mlruns/ to {path}; "
        "open it with `mlflow ui` after extracting",
        [&s](const json& a) {
          std::string path = args::required_str(a, "path");
          std::string bytes = export_store(s.store(), string_list(a, "experiment_ids"), s.store().now_ms());
          std::filesystem::path p(path);
          if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
          std::ofstream f(p, std::ios::binary | std::ios::trunc);
          f << bytes;
          f.flush();
          if (!f) throw std::invalid_argument("cannot write the archive to '" + path + "'");
          return json{{"path", path}, {"bytes", bytes.size()}};
        });
  d.add("store.import", "add the runs of an exported archive at {path}; refuses (and writes nothing) on conflicts",
        [&s](const json& a) {
          std::string path = args::required_str(a, "path");
          std::ifstream f(path, std::ios::binary);
          if (!f) throw std::invalid_argument("cannot open '" + path + "'");
          std::ostringstream os;
          os << f.rdbuf();
          ImportReport r = import_store(s.store(), os.str());
          return json{{"files_written", r.files_written}, {"files_unchanged", r.files_unchanged},
                      {"experiments", r.experiments}, {"runs", r.runs}};
        });
}

}  // namespace lab
