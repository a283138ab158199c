#include "core/track/run_types.hpp"

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

}  // namespace lab
