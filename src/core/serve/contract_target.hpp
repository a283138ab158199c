#pragma once
// The output side of an inference contract: which column the model predicts, the task, the
// class names, and what each class means in words ("1" -> "loan approved"), so a reply can say
// more than a bare label. The meanings come from the target column's description, where the
// workshop datasets write them as "1 = loan approved, 0 = declined".
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/registry/model_signature.hpp"

namespace lab {

struct ContractTarget {
  std::string name, task, description;  // task "" = unknown (contracts written before targets were kept)
  std::vector<std::string> classes;     // classification: the class names, label 0, 1, ...
  std::map<std::string, std::string> meanings;  // class name -> meaning in words, where known
  // The meaning of one predicted class, or "" when none is recorded.
  std::string meaning_of(const std::string& label) const;
};

// Reads "value = meaning" pairs separated by ',' or ';' from a column description; pairs whose
// value is not one of the classes are ignored.
std::map<std::string, std::string> class_meanings(const std::string& description, const std::vector<std::string>& classes);

ContractTarget describe_target(const std::string& name, const std::string& description, const std::string& task,
                               const std::vector<std::string>& classes);

nlohmann::json to_json(const ContractTarget& t);
ContractTarget target_from_json(const nlohmann::json& j);

}  // namespace lab
