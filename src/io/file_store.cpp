#include "io/file_store.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/number_text.hpp"
#include "io/simple_yaml.hpp"

namespace fs = std::filesystem;

namespace lab {
namespace {

void write_file(const fs::path& p, const std::string& content, bool append = false) {
  fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
  if (!f) throw std::runtime_error("cannot write " + p.string());
  f << content;
  f.flush();
  if (!f) throw std::runtime_error("writing " + p.string() + " failed (storage full?)");
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream os;
  os << f.rdbuf();
  return os.str();
}

long long to_ll(const std::optional<std::string>& s, long long fallback) {
  if (!s) return fallback;
  try { return std::stoll(*s); } catch (...) { return fallback; }
}

std::string unquote_id(const std::optional<std::string>& s) { return s.value_or(""); }

bool is_run_id(const std::string& s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

void check_run_id(const std::string& run_id) {
  if (!is_run_id(run_id)) throw std::invalid_argument("'" + run_id + "' is not a run id (32 hex characters)");
}

}  // namespace

FileStore::FileStore(fs::path root, const Clock& clock) : root_(std::move(root)), clock_(clock) {}

void FileStore::touched() const {
  if (on_write_) on_write_();
}

void FileStore::ensure_default_experiment() {
  fs::path meta = root_ / "0" / "meta.yaml";
  if (fs::exists(meta)) return;
  int64_t now = clock_.now_ms();
  write_file(meta, yaml::dump({{"artifact_location", yaml::Value::string("file://" + (root_ / "0").string())},
                               {"creation_time", yaml::Value::integer(now)},
                               {"experiment_id", yaml::Value::string("0")},
                               {"last_update_time", yaml::Value::integer(now)},
                               {"lifecycle_stage", yaml::Value::string("active")},
                               {"name", yaml::Value::string("Default")}}));
  fs::create_directories(root_ / ".trash");
  touched();
}

void FileStore::write_info(const RunInfo& i) {
  std::map<std::string, yaml::Value> m = {
      {"artifact_uri", yaml::Value::string(i.artifact_uri)},
      {"deleted_time", yaml::Value::null()},
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
  write_file(root_ / i.experiment_id / i.run_id / "meta.yaml", yaml::dump(m));
}

void FileStore::create_run(const std::string& experiment_id, const std::string& run_id, const std::string& run_name,
                           const std::string& user_id) {
  check_run_id(run_id);
  if (!fs::exists(root_ / experiment_id / "meta.yaml"))
    throw std::invalid_argument("experiment '" + experiment_id + "' does not exist");
  fs::path dir = root_ / experiment_id / run_id;
  if (fs::exists(dir)) throw std::invalid_argument("run " + run_id + " already exists");
  RunInfo i;
  i.run_id = run_id;
  i.experiment_id = experiment_id;
  i.run_name = run_name;
  i.user_id = user_id;
  i.start_time = clock_.now_ms();
  i.artifact_uri = "file://" + (dir / "artifacts").string();
  write_info(i);
  for (const char* sub : {"metrics", "params", "tags", "artifacts"}) fs::create_directories(dir / sub);
  write_file(dir / "tags" / "mlflow.runName", run_name);
  write_file(dir / "tags" / "mlflow.user", user_id);
  touched();
}

fs::path FileStore::run_dir(const std::string& run_id) const {
  check_run_id(run_id);
  if (fs::exists(root_))
    for (const auto& exp : fs::directory_iterator(root_)) {
      fs::path d = exp.path() / run_id;
      if (exp.is_directory() && fs::exists(d / "meta.yaml")) return d;
    }
  throw std::invalid_argument("no run with id " + run_id);
}

void FileStore::log_param(const std::string& run_id, const std::string& key, const std::string& value) {
  validate_key("param", key);
  if (value.size() > kMaxParamValueLength)
    throw std::invalid_argument("param '" + key + "' value is " + std::to_string(value.size()) +
                                " characters; the limit is 6000");
  fs::path p = run_dir(run_id) / "params" / key;
  if (fs::exists(p)) {
    if (read_file(p) == value) return;
    throw std::invalid_argument("param '" + key + "' was already logged with another value; params are immutable");
  }
  write_file(p, value);
  touched();
}

void FileStore::log_metric(const std::string& run_id, const std::string& key, double value, int64_t step) {
  validate_key("metric", key);
  std::string line = std::to_string(clock_.now_ms()) + " " + shortest_double(value) + " " + std::to_string(step) + "\n";
  write_file(run_dir(run_id) / "metrics" / key, line, true);
  touched();
}

void FileStore::set_tag(const std::string& run_id, const std::string& key, const std::string& value) {
  validate_key("tag", key);
  if (value.size() > kMaxTagValueLength)
    throw std::invalid_argument("tag '" + key + "' value is " + std::to_string(value.size()) +
                                " characters; the limit is 8000");
  write_file(run_dir(run_id) / "tags" / key, value);
  touched();
}

void FileStore::write_artifact(const std::string& run_id, const std::string& rel_path, const std::string& content) {
  validate_key("artifact path", rel_path);
  write_file(run_dir(run_id) / "artifacts" / rel_path, content);
  touched();
}

std::string FileStore::read_artifact(const std::string& run_id, const std::string& rel_path) const {
  validate_key("artifact path", rel_path);
  return read_file(run_dir(run_id) / "artifacts" / rel_path);
}

void FileStore::end_run(const std::string& run_id, RunStatus status) {
  RunInfo i = read_info(run_dir(run_id));
  i.status = status;
  i.end_time = clock_.now_ms();
  write_info(i);
  touched();
}

RunInfo FileStore::read_info(const fs::path& dir) const {
  auto m = yaml::parse(read_file(dir / "meta.yaml"));
  RunInfo i;
  i.run_id = unquote_id(m["run_id"]);
  i.experiment_id = unquote_id(m["experiment_id"]);
  i.run_name = m["run_name"].value_or("");
  i.user_id = m["user_id"].value_or("");
  i.lifecycle_stage = m["lifecycle_stage"].value_or("active");
  i.artifact_uri = m["artifact_uri"].value_or("");
  i.status = RunStatus(to_ll(m["status"], 1));
  i.start_time = to_ll(m["start_time"], 0);
  i.end_time = to_ll(m["end_time"], -1);
  return i;
}

std::vector<RunInfo> FileStore::list_runs(const std::string& experiment_id) const {
  std::vector<RunInfo> out;
  fs::path exp = root_ / experiment_id;
  if (!fs::exists(exp)) return out;
  for (const auto& e : fs::directory_iterator(exp)) {
    std::string name = e.path().filename().string();
    if (!e.is_directory() || !is_run_id(name) || !fs::exists(e.path() / "meta.yaml")) continue;
    try {
      RunInfo i = read_info(e.path());
      if (i.run_id == name && i.experiment_id == experiment_id) out.push_back(std::move(i));
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
  auto read_kv = [&](const char* sub, std::map<std::string, std::string>& into) {
    fs::path base = dir / sub;
    if (!fs::exists(base)) return;
    for (const auto& e : fs::recursive_directory_iterator(base))
      if (e.is_regular_file()) into[fs::relative(e.path(), base).generic_string()] = read_file(e.path());
  };
  read_kv("params", r.params);
  read_kv("tags", r.tags);
  fs::path mdir = dir / "metrics";
  if (fs::exists(mdir))
    for (const auto& e : fs::recursive_directory_iterator(mdir)) {
      if (!e.is_regular_file()) continue;
      auto& hist = r.metrics[fs::relative(e.path(), mdir).generic_string()];
      std::istringstream is(read_file(e.path()));
      std::string line;
      while (std::getline(is, line)) {
        std::istringstream ls(line);
        std::string ts, val, step;
        ls >> ts >> val >> step;
        if (ts.empty() || val.empty()) continue;
        MetricPoint p;
        p.timestamp = std::stoll(ts);
        p.value = std::strtod(val.c_str(), nullptr);
        p.step = step.empty() ? 0 : std::stoll(step);
        hist.push_back(p);
      }
    }
  return r;
}

}  // namespace lab
