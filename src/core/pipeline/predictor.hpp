#pragma once
// Serving-side inference: loads a model document written by TrainJob::model_json() (the fitted
// feature pipeline + the learner) and predicts from raw records, applying exactly the
// transforms used in training.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/features/feature_pipeline.hpp"
#include "core/models/learner.hpp"

namespace lab {

class Predictor {
 public:
  // Throws std::invalid_argument when the document is not a model this lab wrote.
  explicit Predictor(const nlohmann::json& model_json);

  // records: one JSON object or a list of them ({"column": value}; absent/null = missing).
  // Returns one entry per record:
  //   binary:     {"prediction": "<class name>", "probability": P(class 1)}
  //   multiclass: {"prediction": "<class name>", "probabilities": {"<name>": p, ...}}
  //   regression: {"prediction": value}
  nlohmann::json predict_records(const nlohmann::json& records) const;
  // The learner's raw output for the records (see Learner::predict).
  DenseMatrix predict_matrix(const nlohmann::json& records) const;

  Task task() const { return task_; }
  const std::vector<std::string>& class_names() const { return classes_; }
  const std::vector<std::string>& input_names() const { return pipeline_.input_names(); }
  const std::string& target_name() const { return target_; }
  const FeaturePipeline& pipeline() const { return pipeline_; }
  const Learner& learner() const { return *learner_; }

 private:
  Task task_ = Task::Binary;
  std::vector<std::string> classes_;
  std::string target_;
  FeaturePipeline pipeline_;
  std::unique_ptr<Learner> learner_;
};

// Learner output -> the reply format above (shared by Predictor and TrainJob).
nlohmann::json predictions_json(Task task, const std::vector<std::string>& classes, const DenseMatrix& out);

}  // namespace lab
