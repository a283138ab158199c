#include "core/pipeline/predictor.hpp"

#include <stdexcept>

#include "core/data/target_task.hpp"
#include "core/models/learner_registry.hpp"

namespace lab {

using nlohmann::json;

Predictor::Predictor(const json& m) {
  if (!m.is_object() || !m.contains("pipeline") || !m.contains("model") || !m.contains("task"))
    throw std::invalid_argument("not a model document: expected the fields task, pipeline and model "
                                "(as written by training to model/model.json)");
  try {
    task_ = parse_task(m.at("task").get<std::string>());
    classes_ = m.value("classes", std::vector<std::string>{});
    target_ = m.value("target", std::string());
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("the model document is malformed: ") + e.what());
  }
  if (task_ != Task::Regression && classes_.size() < 2)
    throw std::invalid_argument("the model document lists fewer than two classes for a classifier");
  pipeline_ = FeaturePipeline::from_json(m.at("pipeline"));
  learner_ = learner_from_json(m.at("model"));
}

DenseMatrix Predictor::predict_matrix(const json& records) const {
  return learner_->predict(pipeline_.transform_records(records));
}

json Predictor::predict_records(const json& records) const {
  return predictions_json(task_, classes_, predict_matrix(records));
}

json predictions_json(Task task, const std::vector<std::string>& classes, const DenseMatrix& out) {
  json list = json::array();
  for (size_t i = 0; i < out.rows; ++i) {
    const double* p = out.row(i);
    if (task == Task::Regression) {
      list.push_back({{"prediction", p[0]}});
    } else if (task == Task::Binary) {
      list.push_back({{"prediction", classes.at(p[0] >= 0.5 ? 1 : 0)}, {"probability", p[0]}});
    } else {
      size_t best = 0;
      json probs = json::object();
      for (size_t k = 0; k < out.cols; ++k) {
        if (p[k] > p[best]) best = k;
        probs[classes.at(k)] = p[k];
      }
      list.push_back({{"prediction", classes.at(best)}, {"probabilities", probs}});
    }
  }
  return list;
}

}  // namespace lab
