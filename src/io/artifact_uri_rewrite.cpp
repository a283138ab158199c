#include "io/artifact_uri_rewrite.hpp"

#include <sstream>

#include "io/file_store.hpp"
#include "io/file_uri.hpp"
#include "io/simple_yaml.hpp"

namespace lab {
namespace {

std::vector<std::string> split_path(const std::string& p) {
  std::vector<std::string> parts;
  std::stringstream ss(p);
  for (std::string part; std::getline(ss, part, '/');) parts.push_back(part);
  return parts;
}

// Replaces the one-line `key: value` of a flat meta.yaml with the new value, written as
// yaml::dump writes it. Leaves the text alone if the key is absent or spans several lines.
bool replace_field(std::string& text, const std::string& key, const std::string& value) {
  size_t at = text.rfind(key + ":", 0) == 0 ? 0 : text.find("\n" + key + ":");
  if (at == std::string::npos) return false;
  if (at != 0) ++at;
  size_t end = text.find('\n', at);
  if (end == std::string::npos) end = text.size();
  std::string line = text.substr(at, end - at);
  if (yaml::parse(line)[key] != yaml::parse(text)[key]) return false;  // a value folded over lines
  std::string fresh = yaml::dump({{key, yaml::Value::string(value)}});
  fresh.pop_back();  // the newline
  if (fresh == line) return false;
  text.replace(at, line.size(), fresh);
  return true;
}

// A local registry source inside its run's artifacts: ".../<exp>/<run_id>/artifacts[/<p>]".
// Returns the new URI, or "" when the value is not of that shape.
std::string registry_uri(const std::string& value, const std::string& run_id, const std::string& root) {
  if (value.empty() || !is_local_uri(value) || !is_run_id(run_id)) return "";
  std::string marker = "/" + run_id + "/artifacts";
  size_t at = value.rfind(marker);
  if (at == std::string::npos || at == 0) return "";
  size_t after = at + marker.size();
  if (after < value.size() && value[after] != '/') return "";
  size_t exp_start = value.rfind('/', at - 1);
  if (exp_start == std::string::npos) return "";
  std::string exp = value.substr(exp_start + 1, at - exp_start - 1);
  std::string rest = value.substr(after);
  // A file: URI's tail is already percent-encoded; a plain path's is not.
  bool encoded = value.rfind("file:", 0) == 0;
  return local_file_uri(root + "/" + exp + "/" + run_id + "/artifacts") + (encoded ? rest : uri_path_encode(rest));
}

bool rewrite_if_local(std::string& text, const std::string& key, const std::string& uri) {
  auto current = yaml::parse(text)[key];
  if (!current || !is_local_uri(*current)) return false;
  return replace_field(text, key, uri);
}

}  // namespace

size_t rewrite_artifact_uris(std::vector<tar::Entry>& entries, const std::string& mlruns_folder) {
  const std::string root = normalize_artifact_root(mlruns_folder);
  const std::string top = "mlruns/";
  size_t changed = 0;
  for (auto& e : entries) {
    if (e.is_dir || e.path.rfind(top, 0) != 0) continue;
    std::vector<std::string> parts = split_path(e.path.substr(top.size()));
    if (parts.empty() || parts.back() != "meta.yaml") continue;
    bool in_trash = parts.front() == ".trash";
    if (in_trash) parts.erase(parts.begin());
    bool did = false;
    if (parts.size() == 2 && parts[0] != "models") {
      did = rewrite_if_local(e.content, "artifact_location", local_file_uri(root + "/" + parts[0]));
    } else if (parts.size() == 3 && parts[0] != "models" && is_run_id(parts[1])) {
      did = rewrite_if_local(e.content, "artifact_uri", local_file_uri(root + "/" + parts[0] + "/" + parts[1] + "/artifacts"));
    } else if (!in_trash && parts.size() == 4 && parts[0] == "models" && parts[2].rfind("version-", 0) == 0) {
      auto meta = yaml::parse(e.content);
      std::string run_id = meta["run_id"].value_or("");
      for (const char* key : {"source", "storage_location"}) {
        std::string uri = registry_uri(meta[key].value_or(""), run_id, root);
        if (!uri.empty() && replace_field(e.content, key, uri)) did = true;
      }
    }
    if (did) ++changed;
  }
  return changed;
}

}  // namespace lab
