#include "core/serve/contract_target.hpp"

#include <algorithm>

namespace lab {

using nlohmann::json;

namespace {
std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n.");
  return a == std::string::npos || b < a ? "" : s.substr(a, b - a + 1);
}
}  // namespace

std::string ContractTarget::meaning_of(const std::string& label) const {
  auto it = meanings.find(label);
  return it == meanings.end() ? "" : it->second;
}

std::map<std::string, std::string> class_meanings(const std::string& description, const std::vector<std::string>& classes) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= description.size()) {
    size_t end = description.find_first_of(",;", start);
    std::string part = description.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t eq = part.find('=');
    if (eq != std::string::npos) {
      std::string value = trim(part.substr(0, eq)), meaning = trim(part.substr(eq + 1));
      if (!meaning.empty() && std::find(classes.begin(), classes.end(), value) != classes.end()) out[value] = meaning;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

ContractTarget describe_target(const std::string& name, const std::string& description, const std::string& task,
                               const std::vector<std::string>& classes) {
  ContractTarget t;
  t.name = name;
  t.task = task;
  t.description = description;
  if (task != "regression") {
    t.classes = classes;
    t.meanings = class_meanings(description, classes);
  }
  return t;
}

json to_json(const ContractTarget& t) {
  return {{"name", t.name}, {"task", t.task}, {"description", t.description}, {"classes", t.classes}, {"meanings", t.meanings}};
}

ContractTarget target_from_json(const json& j) {
  ContractTarget t;
  if (!j.is_object()) return t;
  t.name = j.value("name", "");
  t.task = j.value("task", "");
  t.description = j.value("description", "");
  t.classes = j.value("classes", std::vector<std::string>{});
  t.meanings = j.value("meanings", std::map<std::string, std::string>{});
  return t;
}

}  // namespace lab
