#include "io/file_store.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "io/file_uri.hpp"
#include "io/md5.hpp"
#include "io/number_text.hpp"
#include "io/path_inside.hpp"
#include "io/simple_yaml.hpp"
#include "io/text_file.hpp"

namespace fs = std::filesystem;

namespace lab {
namespace {

const char* kTrash = ".trash";



void check_run_id(const std::string& run_id) {
  if (!is_run_id(run_id)) throw std::invalid_argument("'" + run_id + "' is not a run id (32 hex characters)");
}

bool is_experiment_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-')) return false;
  return true;
}

void check_experiment_id(const std::string& id) {
  if (!is_experiment_id(id))
    throw std::invalid_argument("'" + id + "' is not an experiment id (letters, digits, _ and - only)");
}

// Reads every file under `base` into key -> content (keys may contain '/': nested folders).
void read_kv(const fs::path& base, std::map<std::string, std::string>& into) {
  if (!fs::exists(base)) return;
  for (const auto& e : fs::recursive_directory_iterator(base))
    if (e.is_regular_file()) into[path_inside(e.path(), base)] = read_text_file(e.path());
}

std::vector<MetricPoint> parse_metric_file(const std::string& text, const std::string& key) {
  std::vector<MetricPoint> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    std::istringstream ls(line);
    std::string ts, val, step, extra;
    ls >> ts >> val >> step >> extra;
    if (ts.empty() || val.empty() || !extra.empty())
      throw std::runtime_error("metric file '" + key + "' has a malformed line: '" + line + "'");
    MetricPoint p;
    p.timestamp = std::stoll(ts);
    p.value = std::strtod(val.c_str(), nullptr);
    p.step = step.empty() ? 0 : std::stoll(step);  // 2-field legacy lines mean step 0
    out.push_back(p);
  }
  return out;
}

std::string metric_line(int64_t timestamp, double value, int64_t step) {
  return std::to_string(timestamp) + " " + shortest_double(value) + " " + std::to_string(step) + "\n";
}

}  // namespace

bool is_run_id(const std::string& s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string FileStore::dataset_id(const std::string& name, const std::string& digest) {
  Md5 m;
  m.update(name);
  m.update(digest);
  return m.hex_digest();
}

std::string FileStore::input_id(const std::string& dataset_id, const std::string& run_id) {
  Md5 m;
  m.update(dataset_id);
  m.update(run_id);
  return m.hex_digest();
}

namespace {
// Artifact URIs are written from the root, so it must be absolute ("file://mlruns/0" would name
// a host called mlruns); "./mlruns/" and "mlruns" both become "<cwd>/mlruns".
fs::path absolute_root(const fs::path& root) {
  fs::path p = fs::absolute(root).lexically_normal();
  return p.has_filename() ? p : p.parent_path();
}
}  // namespace

FileStore::FileStore(fs::path root, const Clock& clock) : root_(absolute_root(root)), clock_(clock) {}

void FileStore::touched(const StoreChange& change) const {
  if (group_depth_ > 0) {
    for (auto& c : grouped_)
      if (c.experiment_id == change.experiment_id && c.run_id == change.run_id) {
        c.content_only = c.content_only && change.content_only;
        return;
      }
    grouped_.push_back(change);
    return;
  }
  if (on_change_) on_change_(change);
  if (on_write_) on_write_();
}

void FileStore::end_group() const {
  if (--group_depth_ > 0 || grouped_.empty()) return;
  std::vector<StoreChange> changes = std::move(grouped_);
  grouped_.clear();
  if (on_change_)
    for (const auto& c : changes) on_change_(c);
  if (on_write_) on_write_();
}

void FileStore::run_touched(const fs::path& dir, bool content_only) const {
  touched({dir.parent_path().filename().string(), dir.filename().string(), content_only});
}

// --- experiments -----------------------------------------------------------------------------

void FileStore::write_experiment(const Experiment& e, const fs::path& dir) {
  // Tags are not part of meta.yaml: MLflow keeps them under tags/.
  write_text_file(dir / "meta.yaml", yaml::dump({{"artifact_location", yaml::Value::string(e.artifact_location)},
                                            {"creation_time", yaml::Value::integer(e.creation_time)},
                                            {"experiment_id", yaml::Value::string(e.experiment_id)},
                                            {"last_update_time", yaml::Value::integer(e.last_update_time)},
                                            {"lifecycle_stage", yaml::Value::string(e.lifecycle_stage)},
                                            {"name", yaml::Value::string(e.name)}}));
}

Experiment FileStore::read_experiment(const fs::path& dir) const {
  auto m = yaml::parse(read_text_file(dir / "meta.yaml"));
  Experiment e;
  e.experiment_id = m["experiment_id"].value_or("");
  e.name = m["name"].value_or("");
  e.artifact_location = m["artifact_location"].value_or("");
  e.lifecycle_stage = m["lifecycle_stage"].value_or("active");
  e.creation_time = yaml::to_int(m["creation_time"], 0);
  e.last_update_time = yaml::to_int(m["last_update_time"], e.creation_time);
  read_kv(dir / "tags", e.tags);
  return e;
}

void FileStore::ensure_default_experiment() {
  if (fs::exists(root_ / "0" / "meta.yaml") || fs::exists(root_ / kTrash / "0" / "meta.yaml")) return;
  Experiment e;
  e.experiment_id = "0";
  e.name = "Default";
  e.artifact_location = local_file_uri((root_ / "0").string());
  e.creation_time = e.last_update_time = clock_.now_ms();
  write_experiment(e, root_ / "0");
  fs::create_directories(root_ / kTrash);
  touched({"0", ""});
}

void FileStore::create_experiment(const std::string& id, const std::string& name) {
  check_experiment_id(id);
  validate_experiment_name(name);
  if (auto other = find_experiment_by_name(name))
    throw std::invalid_argument("an experiment named '" + name + "' already exists" +
                                (other->lifecycle_stage == "deleted" ? " in the trash; restore it or pick another name"
                                                                     : "; pick another name"));
  if (fs::exists(root_ / id) || fs::exists(root_ / kTrash / id))
    throw std::invalid_argument("experiment id " + id + " is already taken");
  Experiment e;
  e.experiment_id = id;
  e.name = name;
  e.artifact_location = local_file_uri((root_ / id).string());
  e.creation_time = e.last_update_time = clock_.now_ms();
  write_experiment(e, root_ / id);
  touched({id, ""});
}

fs::path FileStore::experiment_dir(const std::string& id) const {
  check_experiment_id(id);
  if (fs::exists(root_ / id / "meta.yaml")) return root_ / id;
  if (fs::exists(root_ / kTrash / id / "meta.yaml")) return root_ / kTrash / id;
  throw std::invalid_argument("no experiment with id " + id);
}

Experiment FileStore::get_experiment(const std::string& id) const { return read_experiment(experiment_dir(id)); }

std::vector<Experiment> FileStore::list_experiments(ViewType view) const {
  std::vector<Experiment> out;
  auto scan = [&](const fs::path& base) {
    if (!fs::exists(base)) return;
    for (const auto& e : fs::directory_iterator(base)) {
      std::string name = e.path().filename().string();
      if (!e.is_directory() || name == kTrash || name == "models" || !fs::exists(e.path() / "meta.yaml")) continue;
      try {
        Experiment x = read_experiment(e.path());
        // MLflow ignores folders whose meta.yaml names another experiment.
        if (x.experiment_id == name && view_includes(view, x.lifecycle_stage)) out.push_back(std::move(x));
      } catch (const std::exception&) {
      }
    }
  };
  scan(root_);
  scan(root_ / kTrash);
  std::sort(out.begin(), out.end(), [](const Experiment& a, const Experiment& b) {
    return a.creation_time != b.creation_time ? a.creation_time < b.creation_time : a.experiment_id < b.experiment_id;
  });
  return out;
}

std::optional<Experiment> FileStore::find_experiment_by_name(const std::string& name) const {
  std::optional<Experiment> deleted;
  for (auto& e : list_experiments(ViewType::All)) {
    if (e.name != name) continue;
    if (e.lifecycle_stage != "deleted") return e;
    deleted = e;
  }
  return deleted;
}

void FileStore::rename_experiment(const std::string& id, const std::string& new_name) {
  validate_experiment_name(new_name);
  fs::path dir = experiment_dir(id);
  Experiment e = read_experiment(dir);
  if (e.lifecycle_stage == "deleted")
    throw std::invalid_argument("experiment '" + e.name + "' is deleted; restore it before renaming");
  if (e.name == new_name) return;
  if (find_experiment_by_name(new_name))
    throw std::invalid_argument("an experiment named '" + new_name + "' already exists; pick another name");
  e.name = new_name;
  e.last_update_time = clock_.now_ms();
  write_experiment(e, dir);
  touched({id, ""});
}

void FileStore::delete_experiment(const std::string& id) {
  if (id == "0") throw std::invalid_argument("the Default experiment (id 0) cannot be deleted");
  check_experiment_id(id);
  if (!fs::exists(root_ / id / "meta.yaml"))
    throw std::invalid_argument("no active experiment with id " + id + " (already deleted?)");
  Experiment e = read_experiment(root_ / id);
  e.lifecycle_stage = "deleted";
  e.last_update_time = clock_.now_ms();
  write_experiment(e, root_ / id);
  fs::create_directories(root_ / kTrash);
  fs::rename(root_ / id, root_ / kTrash / id);
  touched({id, ""});
}

void FileStore::restore_experiment(const std::string& id) {
  check_experiment_id(id);
  if (!fs::exists(root_ / kTrash / id / "meta.yaml"))
    throw std::invalid_argument("no deleted experiment with id " + id);
  if (fs::exists(root_ / id)) throw std::invalid_argument("an active experiment already uses id " + id);
  Experiment e = read_experiment(root_ / kTrash / id);
  for (const auto& other : list_experiments(ViewType::ActiveOnly))
    if (other.name == e.name)
      throw std::invalid_argument("an active experiment is already named '" + e.name + "'; rename it first");
  fs::rename(root_ / kTrash / id, root_ / id);
  e.lifecycle_stage = "active";
  e.last_update_time = clock_.now_ms();
  write_experiment(e, root_ / id);
  touched({id, ""});
}

void FileStore::set_experiment_tag(const std::string& id, const std::string& key, const std::string& value) {
  validate_key("experiment tag", key);
  if (value.size() > 5000)
    throw std::invalid_argument("experiment tag '" + key + "' value is " + std::to_string(value.size()) +
                                " characters; the limit is 5000");
  write_text_file(experiment_dir(id) / "tags" / key, value);
  touched({id, ""});
}

// --- runs ------------------------------------------------------------------------------------

void FileStore::write_info(const RunInfo& i, const fs::path& dir) {
  std::map<std::string, yaml::Value> m = {
      {"artifact_uri", yaml::Value::string(i.artifact_uri)},
      {"end_time", i.end_time < 0 ? yaml::Value::null() : yaml::Value::integer(i.end_time)},
      {"entry_point_name", yaml::Value::string("")},
      {"experiment_id", yaml::Value::string(i.experiment_id)},
      {"lifecycle_stage", yaml::Value::string(i.lifecycle_stage)},
      {"run_id", yaml::Value::string(i.run_id)},
      {"run_name", yaml::Value::string(i.run_name)},
      {"run_uuid", yaml::Value::string(i.run_id)},
      {"source_name", yaml::Value::string("")},
      {"source_type", yaml::Value::integer(4)},  // LOCAL
      {"source_version", yaml::Value::string("")},
      {"start_time", yaml::Value::integer(i.start_time)},
      {"status", yaml::Value::integer(int(i.status))},
      {"tags", yaml::Value::empty_list()},
      {"user_id", yaml::Value::string(i.user_id)}};
  // MLflow's _overwrite_run_info adds deleted_time only when deleting; restoring drops it.
  if (i.deleted_time >= 0) m["deleted_time"] = yaml::Value::integer(i.deleted_time);
  write_text_file(dir / "meta.yaml", yaml::dump(m));
}

void FileStore::create_run(const std::string& experiment_id, const std::string& run_id, const std::string& run_name,
                           const std::string& user_id, std::optional<int64_t> start_time) {
  check_run_id(run_id);
  check_experiment_id(experiment_id);
  if (!fs::exists(root_ / experiment_id / "meta.yaml"))
    throw std::invalid_argument(fs::exists(root_ / kTrash / experiment_id)
                                    ? "experiment " + experiment_id + " is deleted; restore it to add runs"
                                    : "experiment '" + experiment_id + "' does not exist");
  validate_tag_value(kTagRunName, run_name);
  fs::path dir = root_ / experiment_id / run_id;
  if (fs::exists(dir)) throw std::invalid_argument("run " + run_id + " already exists");
  RunInfo i;
  i.run_id = run_id;
  i.experiment_id = experiment_id;
  i.run_name = run_name;
  i.user_id = user_id;
  i.start_time = start_time.value_or(clock_.now_ms());
  i.artifact_uri = local_file_uri((dir / "artifacts").string());
  write_info(i, dir);
  for (const char* sub : {"metrics", "params", "tags", "artifacts"}) fs::create_directories(dir / sub);
  write_text_file(dir / "tags" / kTagRunName, run_name);
  write_text_file(dir / "tags" / kTagUser, user_id);
  run_touched(dir);
}

fs::path FileStore::run_dir(const std::string& run_id) const {
  check_run_id(run_id);
  for (const fs::path& base : {root_, root_ / kTrash}) {
    if (!fs::exists(base)) continue;
    for (const auto& exp : fs::directory_iterator(base)) {
      fs::path d = exp.path() / run_id;
      if (exp.is_directory() && fs::exists(d / "meta.yaml")) return d;
    }
  }
  throw std::invalid_argument("no run with id " + run_id);
}

fs::path FileStore::active_run_dir(const std::string& run_id) const {
  fs::path dir = run_dir(run_id);
  if (read_info(dir).lifecycle_stage == "deleted")
    throw std::invalid_argument("run " + run_id + " is deleted; restore it before changing it");
  return dir;
}

void FileStore::log_param(const std::string& run_id, const std::string& key, const std::string& value) {
  LogBatch b;
  b.params.push_back({key, value});
  log_batch(run_id, b);
}

void FileStore::log_metric(const std::string& run_id, const std::string& key, double value, int64_t step) {
  validate_key("metric", key);
  fs::path dir = active_run_dir(run_id);
  write_text_file(dir / "metrics" / key, metric_line(clock_.now_ms(), value, step), true);
  run_touched(dir, true);
}

void FileStore::set_tag(const std::string& run_id, const std::string& key, const std::string& value) {
  LogBatch b;
  b.tags.push_back({key, value});
  log_batch(run_id, b);
}

void FileStore::delete_tag(const std::string& run_id, const std::string& key) {
  validate_key("tag", key);
  fs::path dir = active_run_dir(run_id);
  fs::path p = dir / "tags" / key;
  if (!fs::exists(p)) throw std::invalid_argument("run " + run_id + " has no tag '" + key + "'");
  fs::remove(p);
  run_touched(dir, true);
}

void FileStore::log_batch(const std::string& run_id, const LogBatch& b) {
  validate_batch(b);
  fs::path dir = active_run_dir(run_id);
  // Params are immutable: check them all before writing anything.
  for (const auto& [k, v] : b.params) {
    fs::path p = dir / "params" / k;
    if (fs::exists(p) && read_text_file(p) != v)
      throw std::invalid_argument("param '" + k + "' was already logged with another value; params are immutable");
  }
  for (const auto& [k, v] : b.params) write_text_file(dir / "params" / k, v);
  for (const auto& [k, v] : b.tags) {
    if (k == kTagRunName) {  // keep meta.yaml's run_name in step, as MLflow's set_tag does
      RunInfo i = read_info(dir);
      i.run_name = v;
      write_info(i, dir);
    }
    write_text_file(dir / "tags" / k, v);
  }
  // One append per metric key keeps big batches cheap.
  std::map<std::string, std::string> lines;
  for (const auto& m : b.metrics) lines[m.key] += metric_line(m.timestamp, m.value, m.step);
  for (const auto& [k, text] : lines) write_text_file(dir / "metrics" / k, text, true);
  if (!b.params.empty() || !b.tags.empty() || !b.metrics.empty()) run_touched(dir, true);
}

void FileStore::log_inputs(const std::string& run_id, const std::vector<DatasetInput>& inputs) {
  fs::path dir = active_run_dir(run_id);
  fs::path exp = dir.parent_path();
  for (const auto& in : inputs) {
    const Dataset& d = in.dataset;
    if (d.name.empty() || d.digest.empty() || d.source_type.empty())
      throw std::invalid_argument("a dataset input needs a name, a digest and a source type");
    if (d.name.size() > 500) throw std::invalid_argument("dataset name is longer than 500 characters");
    if (d.digest.size() > 36) throw std::invalid_argument("dataset digest is longer than 36 characters");
    for (const auto& [k, v] : in.tags)
      if (k.size() > 255 || v.size() > 500)
        throw std::invalid_argument("input tag '" + k.substr(0, 40) + "' is too long (key <= 255, value <= 500)");
  }
  for (const auto& in : inputs) {
    const Dataset& d = in.dataset;
    std::string did = dataset_id(d.name, d.digest);
    fs::path ddir = exp / "datasets" / did;
    if (!fs::exists(ddir / "meta.yaml")) {
      auto opt = [](const std::string& s) { return s.empty() ? yaml::Value::null() : yaml::Value::string(s); };
      write_text_file(ddir / "meta.yaml", yaml::dump({{"digest", yaml::Value::string(d.digest)},
                                                 {"name", yaml::Value::string(d.name)},
                                                 {"profile", opt(d.profile)},
                                                 {"schema", opt(d.schema)},
                                                 {"source", yaml::Value::string(d.source)},
                                                 {"source_type", yaml::Value::string(d.source_type)}}));
    }
    fs::path idir = dir / "inputs" / input_id(did, run_id);
    if (!fs::exists(idir / "meta.yaml"))
      // destination_id repeats the dataset id: MLflow's _FileStoreInput.write_yaml does the same.
      write_text_file(idir / "meta.yaml", yaml::dump({{"destination_id", yaml::Value::string(did)},
                                                 {"destination_type", yaml::Value::string("RUN")},
                                                 {"source_id", yaml::Value::string(did)},
                                                 {"source_type", yaml::Value::string("DATASET")},
                                                 {"tags", yaml::Value::string_map(in.tags)}}));
  }
  run_touched(dir, true);
}

void FileStore::write_artifact(const std::string& run_id, const std::string& rel_path, const std::string& content) {
  validate_key("artifact path", rel_path);
  fs::path dir = active_run_dir(run_id);
  write_text_file(dir / "artifacts" / rel_path, content);
  run_touched(dir, true);
}

void FileStore::append_artifact(const std::string& run_id, const std::string& rel_path, const std::string& content) {
  validate_key("artifact path", rel_path);
  fs::path dir = active_run_dir(run_id);
  write_text_file(dir / "artifacts" / rel_path, content, true);
  run_touched(dir, true);
}

std::string FileStore::read_artifact(const std::string& run_id, const std::string& rel_path) const {
  validate_key("artifact path", rel_path);
  return read_text_file(run_dir(run_id) / "artifacts" / rel_path);
}

std::vector<std::pair<std::string, uint64_t>> FileStore::list_artifact_files(const std::string& run_id) const {
  std::vector<std::pair<std::string, uint64_t>> out;
  fs::path base = run_dir(run_id) / "artifacts";
  if (!fs::exists(base)) return out;
  for (const auto& e : fs::recursive_directory_iterator(base))
    if (e.is_regular_file()) out.push_back({path_inside(e.path(), base), uint64_t(e.file_size())});
  std::sort(out.begin(), out.end());
  return out;
}

void FileStore::end_run(const std::string& run_id, RunStatus status, std::optional<int64_t> end_time) {
  fs::path dir = active_run_dir(run_id);
  RunInfo i = read_info(dir);
  i.status = status;
  i.end_time = end_time.value_or(clock_.now_ms());
  write_info(i, dir);
  run_touched(dir, true);
}

void FileStore::rename_run(const std::string& run_id, const std::string& new_name) {
  bool blank = new_name.find_first_not_of(' ') == std::string::npos;
  if (blank) throw std::invalid_argument("a run name must not be empty");
  set_tag(run_id, kTagRunName, new_name);
}

void FileStore::set_note(const std::string& run_id, const std::string& markdown) { set_tag(run_id, kTagNote, markdown); }

void FileStore::delete_run(const std::string& run_id) {
  fs::path dir = run_dir(run_id);
  RunInfo i = read_info(dir);
  if (i.lifecycle_stage == "deleted") return;
  i.lifecycle_stage = "deleted";
  i.deleted_time = clock_.now_ms();
  write_info(i, dir);
  run_touched(dir);
}

void FileStore::restore_run(const std::string& run_id) {
  fs::path dir = run_dir(run_id);
  RunInfo i = read_info(dir);
  if (i.lifecycle_stage != "deleted") return;
  i.lifecycle_stage = "active";
  i.deleted_time = -1;
  write_info(i, dir);
  run_touched(dir);
}

RunInfo FileStore::read_info(const fs::path& dir) const {
  auto m = yaml::parse(read_text_file(dir / "meta.yaml"));
  RunInfo i;
  i.run_id = m["run_id"].value_or("");
  i.experiment_id = m["experiment_id"].value_or("");
  i.run_name = m["run_name"].value_or("");
  i.user_id = m["user_id"].value_or("");
  i.lifecycle_stage = m["lifecycle_stage"].value_or("active");
  i.artifact_uri = m["artifact_uri"].value_or("");
  i.status = RunStatus(std::clamp<long long>(yaml::to_int(m["status"], 1), 1, 5));
  i.start_time = yaml::to_int(m["start_time"], 0);
  i.end_time = yaml::to_int(m["end_time"], -1);
  i.deleted_time = yaml::to_int(m["deleted_time"], -1);
  return i;
}

RunInfo FileStore::get_run_info(const std::string& run_id) const { return read_info(run_dir(run_id)); }

std::vector<RunInfo> FileStore::list_runs(const std::string& experiment_id, ViewType view) const {
  std::vector<RunInfo> out;
  fs::path exp;
  try {
    exp = experiment_dir(experiment_id);
  } catch (const std::invalid_argument&) {
    return out;
  }
  for (const auto& e : fs::directory_iterator(exp)) {
    std::string name = e.path().filename().string();
    if (!e.is_directory() || !is_run_id(name) || !fs::exists(e.path() / "meta.yaml")) continue;
    try {
      RunInfo i = read_info(e.path());
      if (i.run_id == name && i.experiment_id == experiment_id && view_includes(view, i.lifecycle_stage))
        out.push_back(std::move(i));
    } catch (const std::exception&) {
      // A malformed run folder is skipped, as MLflow does, rather than hiding every other run.
    }
  }
  std::sort(out.begin(), out.end(), [](const RunInfo& a, const RunInfo& b) {
    return a.start_time != b.start_time ? a.start_time > b.start_time : a.run_id < b.run_id;
  });
  return out;
}

Run FileStore::get_run(const std::string& run_id) const {
  fs::path dir = run_dir(run_id);
  Run r;
  r.info = read_info(dir);
  read_kv(dir / "params", r.params);
  read_kv(dir / "tags", r.tags);
  fs::path mdir = dir / "metrics";
  if (fs::exists(mdir))
    for (const auto& e : fs::recursive_directory_iterator(mdir)) {
      if (!e.is_regular_file()) continue;
      std::string key = path_inside(e.path(), mdir);
      r.metrics[key] = parse_metric_file(read_text_file(e.path()), key);
    }
  fs::path idir = dir / "inputs";
  if (fs::exists(idir))
    for (const auto& e : fs::directory_iterator(idir)) {
      if (!fs::exists(e.path() / "meta.yaml")) continue;
      std::string text = read_text_file(e.path() / "meta.yaml");
      auto m = yaml::parse(text);
      DatasetInput in;
      in.tags = yaml::parse_string_map(text, "tags");
      fs::path dmeta = dir.parent_path() / "datasets" / m["source_id"].value_or("") / "meta.yaml";
      if (!fs::exists(dmeta)) continue;
      auto d = yaml::parse(read_text_file(dmeta));
      in.dataset = {d["name"].value_or(""),   d["digest"].value_or(""), d["source_type"].value_or(""),
                    d["source"].value_or(""), d["schema"].value_or(""), d["profile"].value_or("")};
      r.inputs.push_back(std::move(in));
    }
  return r;
}

}  // namespace lab
