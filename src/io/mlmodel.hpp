#pragma once
// The MLmodel file MLflow writes beside every logged model (mlflow/models/model.py, 2.12), so
// MLflow's own tools (Model.load, the UI's model view, the run's mlflow.log-model.history tag)
// see the lab's models: a lab flavor pointing at model.json and contract.json, the inference
// contract as the model signature (ColSpec inputs and outputs), and the contract's example
// request as the input example (a one-row DataFrame in pandas' "split" orient).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/models/learner.hpp"
#include "core/serve/contract.hpp"

namespace lab {

inline constexpr const char* kLabFlavor = "mlops_lab";
inline constexpr const char* kInputExampleFile = "input_example.json";
inline constexpr const char* kTagLoggedModels = "mlflow.log-model.history";

struct LoggedModel {
  std::string run_id;
  std::string artifact_path = "model";
  std::string model_uuid;        // 32 hex chars
  int64_t created_ms = 0;        // written as utc_time_created, like str(datetime.utcnow())
  std::string algo, target, lab_version;
  Task task = Task::Binary;
  std::vector<std::string> classes;
  InferenceContract contract;
};

// Model.to_dict(): the MLmodel document as a JSON object (what the history tag holds).
nlohmann::json mlmodel_dict(const LoggedModel& m);
// The same as YAML, keys sorted as yaml.safe_dump writes them: the MLmodel file's text.
std::string mlmodel_yaml(const LoggedModel& m);
// input_example.json: {"columns": [...], "data": [[...]]} from the contract's example request.
nlohmann::json input_example_json(const InferenceContract& c);
// The signature's inputs and outputs: lists of ColSpec dicts ({"type", "name", "required"}).
nlohmann::json signature_inputs(const InferenceContract& c);
nlohmann::json signature_outputs(Task task, const std::vector<std::string>& classes);
// "2026-12-03 13:20:00.123000" (UTC), the format of Python's str(datetime).
std::string utc_time_text(int64_t ms);

}  // namespace lab
