#include "core/track/run_types.hpp"

#include <set>
#include <stdexcept>

namespace lab {

const char* to_string(RunStatus s) {
  switch (s) {
    case RunStatus::Running: return "RUNNING";
    case RunStatus::Scheduled: return "SCHEDULED";
    case RunStatus::Finished: return "FINISHED";
    case RunStatus::Failed: return "FAILED";
    case RunStatus::Killed: return "KILLED";
  }
  return "RUNNING";
}

RunStatus run_status_from_string(const std::string& s) {
  for (RunStatus st : {RunStatus::Running, RunStatus::Scheduled, RunStatus::Finished, RunStatus::Failed, RunStatus::Killed})
    if (s == to_string(st)) return st;
  throw std::invalid_argument("unknown run status '" + s + "'; use RUNNING, SCHEDULED, FINISHED, FAILED or KILLED");
}

ViewType view_type_from_string(const std::string& s) {
  if (s == "active_only" || s == "ACTIVE_ONLY" || s.empty()) return ViewType::ActiveOnly;
  if (s == "deleted_only" || s == "DELETED_ONLY") return ViewType::DeletedOnly;
  if (s == "all" || s == "ALL") return ViewType::All;
  throw std::invalid_argument("unknown view '" + s + "'; use active_only, deleted_only or all");
}

bool view_includes(ViewType v, const std::string& stage) {
  if (v == ViewType::All) return true;
  return (v == ViewType::ActiveOnly) == (stage != "deleted");
}

const MetricPoint* Run::latest(const std::string& key) const {
  auto it = metrics.find(key);
  if (it == metrics.end() || it->second.empty()) return nullptr;
  const MetricPoint* best = &it->second.front();
  for (const auto& p : it->second)
    if (p.step > best->step || (p.step == best->step && p.timestamp >= best->timestamp)) best = &p;
  return best;
}

void validate_key(const std::string& kind, const std::string& key) {
  if (key.empty()) throw std::invalid_argument(kind + " key must not be empty");
  if (key.size() > kMaxKeyLength)
    throw std::invalid_argument(kind + " key '" + key.substr(0, 40) + "...' is " + std::to_string(key.size()) +
                                " characters; the limit is 250");
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '.' || c == ' ' || c == '/' || c == ':';
    if (!ok)
      throw std::invalid_argument(kind + " key '" + key + "' contains '" + std::string(1, c) +
                                  "'; use letters, digits, _ - . space / and : only");
  }
  // Keys are file paths in the FileStore: they must not normalise to another path.
  if (key.front() == '/' || key.back() == '/' || key.find("//") != std::string::npos || key == "." ||
      key.find("..") != std::string::npos || key.rfind("./", 0) == 0 || key.find("/./") != std::string::npos)
    throw std::invalid_argument(kind + " key '" + key + "' is not a clean relative path");
}

void validate_param_value(const std::string& key, const std::string& value) {
  if (value.size() > kMaxParamValueLength)
    throw std::invalid_argument("param '" + key + "' value is " + std::to_string(value.size()) +
                                " characters; the limit is 6000");
}

void validate_tag_value(const std::string& key, const std::string& value) {
  if (value.size() > kMaxTagValueLength)
    throw std::invalid_argument("tag '" + key + "' value is " + std::to_string(value.size()) +
                                " characters; the limit is 8000");
}

void validate_batch(const LogBatch& b) {
  if (b.metrics.size() > kMaxMetricsPerBatch)
    throw std::invalid_argument("a batch may hold at most 1000 metrics, got " + std::to_string(b.metrics.size()) +
                                "; split it into several batches");
  if (b.params.size() > kMaxParamsTagsPerBatch)
    throw std::invalid_argument("a batch may hold at most 100 params, got " + std::to_string(b.params.size()) +
                                "; split it into several batches");
  if (b.tags.size() > kMaxParamsTagsPerBatch)
    throw std::invalid_argument("a batch may hold at most 100 tags, got " + std::to_string(b.tags.size()) +
                                "; split it into several batches");
  size_t total = b.metrics.size() + b.params.size() + b.tags.size();
  if (total > kMaxEntitiesPerBatch)
    throw std::invalid_argument("a batch may hold at most 1000 metrics, params and tags together, got " +
                                std::to_string(total) + "; split it into several batches");
  std::set<std::string> seen;
  for (const auto& [k, v] : b.params) {
    validate_key("param", k);
    validate_param_value(k, v);
    if (!seen.insert(k).second)
      throw std::invalid_argument("param '" + k + "' appears twice in one batch; log each param once");
  }
  for (const auto& [k, v] : b.tags) {
    validate_key("tag", k);
    validate_tag_value(k, v);
  }
  for (const auto& m : b.metrics) {
    validate_key("metric", m.key);
    if (m.timestamp < 0)
      throw std::invalid_argument("metric '" + m.key + "' has a negative timestamp; use Unix epoch milliseconds");
  }
}

void validate_experiment_name(const std::string& name) {
  bool blank = true;
  for (char c : name) {
    if (c != ' ') blank = false;
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      throw std::invalid_argument("experiment name must not contain line breaks or control characters");
  }
  if (blank) throw std::invalid_argument("experiment name must not be empty");
  if (name.size() > kMaxExperimentNameLength)
    throw std::invalid_argument("experiment name is " + std::to_string(name.size()) +
                                " characters; the limit is 500");
}

}  // namespace lab
