#include "io/store_archive.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "io/artifact_uri_rewrite.hpp"
#include "io/path_inside.hpp"
#include "io/simple_yaml.hpp"
#include "io/tar_archive.hpp"

namespace fs = std::filesystem;

namespace lab {
namespace {

const std::string kTop = "mlruns";

std::string read_bytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream os;
  os << f.rdbuf();
  return os.str();
}

void add_tree(const fs::path& root, const fs::path& dir, std::vector<tar::Entry>& out) {
  out.push_back({kTop + "/" + path_inside(dir, root), true, ""});
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string rel = kTop + "/" + path_inside(e.path(), root);
    if (e.is_directory()) out.push_back({rel, true, ""});
    else if (e.is_regular_file()) out.push_back({rel, false, read_bytes(e.path())});
  }
}

// "mlruns/<rest>" -> "<rest>", refusing anything that could escape the store folder.
std::string store_relative(const std::string& path) {
  if (path == kTop) return "";
  if (path.rfind(kTop + "/", 0) != 0)
    throw std::invalid_argument("'" + path + "' is outside mlruns/: this is not an archive exported by the lab");
  std::string rest = path.substr(kTop.size() + 1);
  std::stringstream parts(rest);
  std::string part;
  while (std::getline(parts, part, '/'))
    if (part.empty() || part == "." || part == "..")
      throw std::invalid_argument("the archive holds an unsafe path '" + path + "'; nothing was imported");
  return rest;
}

bool experiment_has_content(const fs::path& dir) {
  if (!fs::exists(dir)) return false;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename() != "meta.yaml") return true;
  return false;
}

}  // namespace

std::string export_store(const FileStore& store, const std::vector<std::string>& ids, int64_t mtime_ms,
                         const std::string& artifact_root, size_t* uris_rewritten) {
  const fs::path& root = store.root();
  std::vector<tar::Entry> entries;
  entries.push_back({kTop, true, ""});
  if (ids.empty()) {
    if (fs::exists(root))
      for (const auto& e : fs::directory_iterator(root))
        if (e.is_directory()) add_tree(root, e.path(), entries);
  } else {
    for (const auto& id : ids) {
      Experiment x = store.get_experiment(id);  // throws for unknown ids
      fs::path dir = x.lifecycle_stage == "deleted" ? root / ".trash" / id : root / id;
      if (x.lifecycle_stage == "deleted") entries.push_back({kTop + "/.trash", true, ""});
      add_tree(root, dir, entries);
    }
  }
  std::sort(entries.begin(), entries.end(), [](const tar::Entry& a, const tar::Entry& b) { return a.path < b.path; });
  entries.erase(std::unique(entries.begin(), entries.end(), [](const tar::Entry& a, const tar::Entry& b) { return a.path == b.path; }),
                entries.end());
  size_t rewritten = artifact_root.empty() ? 0 : rewrite_artifact_uris(entries, artifact_root);
  if (uris_rewritten) *uris_rewritten = rewritten;
  return tar::write(entries, mtime_ms / 1000);
}

ImportReport import_store(FileStore& store, const std::string& archive, const std::string& artifact_root) {
  std::vector<tar::Entry> entries = tar::read(archive);
  const fs::path& root = store.root();
  ImportReport rep;
  for (const auto& e : entries) store_relative(e.path);  // refuse foreign or unsafe archives before anything else
  if (!artifact_root.empty()) rep.uris_rewritten = rewrite_artifact_uris(entries, artifact_root);

  // 1. Check everything before writing anything.
  std::map<std::string, const tar::Entry*> files;
  std::set<std::string> dirs;
  for (const auto& e : entries) {
    std::string rel = store_relative(e.path);
    if (rel.empty()) continue;
    if (e.is_dir) dirs.insert(rel);
    else files[rel] = &e;
  }
  if (files.empty()) throw std::invalid_argument("the archive holds no files under mlruns/; nothing to import");

  std::set<std::string> replace_meta;  // empty local experiments whose meta.yaml the archive replaces
  for (const auto& [rel, e] : files) {
    fs::path parent = fs::path(rel).parent_path();
    bool experiment_meta = fs::path(rel).filename() == "meta.yaml" &&
                           (parent.parent_path().empty() || parent.parent_path() == ".trash");
    if (!experiment_meta) continue;
    ++rep.experiments;
    auto meta = yaml::parse(e->content);
    std::string id = meta["experiment_id"].value_or(""), name = meta["name"].value_or("");
    if (id != parent.filename().string())
      throw std::invalid_argument("'" + e->path + "' names experiment '" + id + "' but sits in folder '" +
                                  parent.filename().string() + "'; the archive is damaged");
    auto same_name = store.find_experiment_by_name(name);
    if (same_name && same_name->experiment_id != id)
      throw std::invalid_argument("the archive's experiment '" + name + "' (id " + id + ") clashes with the stored experiment " +
                                  same_name->experiment_id + " of the same name; rename one of them and import again");
    fs::path local = root / rel;
    fs::path other = parent.parent_path().empty() ? root / ".trash" / parent : root / parent.filename();
    if (fs::exists(other / "meta.yaml"))
      throw std::invalid_argument("experiment " + id + " is " + (parent.parent_path().empty() ? "deleted" : "active") +
                                  " here but not in the archive; restore or delete it first");
    if (fs::exists(local) && read_bytes(local) != e->content) {
      if (experiment_has_content(local.parent_path()))
        throw std::invalid_argument("experiment " + id + " exists here with different settings; nothing was imported");
      replace_meta.insert(rel);  // e.g. the fresh Default experiment of a new browser profile
    }
  }
  for (const auto& [rel, e] : files) {
    fs::path local = root / rel;
    if (fs::is_directory(local)) throw std::invalid_argument("'" + rel + "' is a folder here but a file in the archive");
    if (fs::exists(local) && !replace_meta.count(rel)) {
      if (read_bytes(local) != e->content)
        throw std::invalid_argument("'" + rel + "' already exists here with different content; nothing was imported");
    }
    // <exp>/<run>/meta.yaml or .trash/<exp>/<run>/meta.yaml (not inputs/<md5>/meta.yaml)
    fs::path run = fs::path(rel).parent_path();
    fs::path above = run.parent_path().parent_path();
    if (fs::path(rel).filename() == "meta.yaml" && is_run_id(run.filename().string()) && (above.empty() || above == ".trash"))
      ++rep.runs;
  }

  // 2. Write.
  for (const auto& d : dirs) fs::create_directories(root / d);
  for (const auto& [rel, e] : files) {
    fs::path local = root / rel;
    if (fs::exists(local) && !replace_meta.count(rel)) { ++rep.files_unchanged; continue; }
    fs::create_directories(local.parent_path());
    std::ofstream f(local, std::ios::binary | std::ios::trunc);
    f << e->content;
    f.flush();
    if (!f) throw std::runtime_error("writing " + local.string() + " failed (storage full?)");
    ++rep.files_written;
  }
  store.notify_external_change();
  return rep;
}

}  // namespace lab
