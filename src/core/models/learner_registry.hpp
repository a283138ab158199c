#pragma once
// The learners the lab knows: their names, parameter declarations, tasks, and factories.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/models/learner.hpp"

namespace lab {

struct LearnerInfo {
  std::string algo;   // e.g. "logistic_regression"
  std::string label;  // e.g. "Logistic regression"
  std::string help;   // one or two sentences for participants
  std::vector<Task> tasks;
  const std::vector<ParamSpec>& (*params)();
  std::function<std::unique_ptr<Learner>(const nlohmann::json& resolved_params)> make;
  std::function<std::unique_ptr<Learner>(const nlohmann::json& model_json)> load;
};

const std::vector<LearnerInfo>& learners();
const LearnerInfo& learner_info(const std::string& algo);  // throws std::invalid_argument listing the known ones
std::vector<std::string> known_algos();
const std::vector<ParamSpec>& param_specs_for(const std::string& algo);
std::unique_ptr<Learner> make_learner(const std::string& algo, const nlohmann::json& given_params);
std::unique_ptr<Learner> learner_from_json(const nlohmann::json& model_json);  // uses model_json["algo"]

}  // namespace lab
