#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"
#include "io/file_uri.hpp"
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

// The optional artifact_root field, trimmed; "" when absent, null or blank.
std::string artifact_root_field(const json& a) {
  std::string v = args::str(a, "artifact_root", "");
  return v.find_first_not_of(" \t") == std::string::npos ? "" : v;
}
}  // namespace

void register_store_commands(Dispatcher& d, Session& s) {
  d.add("store.export",
        "write the store (or {experiment_ids: [...]}) as a tar archive of mlruns/ to {path}; open it with `mlflow ui` "
        "after extracting. {artifact_root: '/home/me/lab-export/mlruns'} points the runs' artifact URIs at the folder "
        "the archive's mlruns/ will be unpacked to (absolute path); without it every byte is as stored",
        [&s](const json& a) {
          std::string path = args::required_str(a, "path");
          std::string root = artifact_root_field(a);
          if (!root.empty()) root = normalize_artifact_root(root);  // a bad folder fails before any work
          size_t rewritten = 0;
          std::string bytes = export_store(s.store(), string_list(a, "experiment_ids"), s.store().now_ms(), root, &rewritten);
          std::filesystem::path p(path);
          if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
          std::ofstream f(p, std::ios::binary | std::ios::trunc);
          f << bytes;
          f.flush();
          if (!f) throw std::invalid_argument("cannot write the archive to '" + path + "'");
          json reply = {{"path", path}, {"bytes", bytes.size()}, {"uris_rewritten", rewritten}};
          if (!root.empty()) reply["artifact_root"] = root;
          return reply;
        });
  d.add("store.import",
        "add the runs of an exported archive at {path}; refuses (and writes nothing) on conflicts. Artifact URIs are "
        "pointed at this store's folder unless {artifact_root: 'keep'} (as archived) or another absolute folder is given",
        [&s](const json& a) {
          std::string path = args::required_str(a, "path");
          std::string root = artifact_root_field(a);
          if (root == "keep") root.clear();
          else root = normalize_artifact_root(root.empty() ? s.store().root().string() : root);
          std::ifstream f(path, std::ios::binary);
          if (!f) throw std::invalid_argument("cannot open '" + path + "'");
          std::ostringstream os;
          os << f.rdbuf();
          ImportReport r = import_store(s.store(), os.str(), root);
          return json{{"files_written", r.files_written}, {"files_unchanged", r.files_unchanged},
                      {"experiments", r.experiments}, {"runs", r.runs}, {"uris_rewritten", r.uris_rewritten},
                      {"artifact_root", root.empty() ? json("keep") : json(root)}};
        });
}

}  // namespace lab
