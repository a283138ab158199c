#include "core/pipeline/test_predictions_io.hpp"

#include <cstdio>
#include <stdexcept>

namespace lab {

using nlohmann::json;

nlohmann::json test_predictions_to_json(const TestPredictions& t) {
  return {{"task", to_string(t.task.task)}, {"class_names", t.task.class_names}, {"class_values", t.task.class_values},
          {"y", t.y}, {"cols", t.scores.cols}, {"scores", t.scores.data}};
}

TestPredictions test_predictions_from_json(const nlohmann::json& j) {
  try {
    TestPredictions t;
    t.task.task = parse_task(j.at("task").get<std::string>());
    t.task.class_names = j.at("class_names").get<std::vector<std::string>>();
    t.task.class_values = j.value("class_values", std::vector<double>{});
    t.y = j.at("y").get<std::vector<double>>();
    t.scores.cols = j.at("cols").get<size_t>();
    t.scores.data = j.at("scores").get<std::vector<double>>();
    t.scores.rows = t.y.size();
    if (t.scores.cols == 0 || t.scores.data.size() != t.scores.rows * t.scores.cols)
      throw std::invalid_argument("scores do not match the labels");
    return t;
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("the run's test predictions are unreadable: ") + e.what());
  }
}

std::string test_predictions_to_csv(const TestPredictions& t) {
  std::string out = test_predictions_csv_header(t);
  append_test_predictions_csv_rows(t, 0, t.y.size(), out);
  return out;
}

std::string test_predictions_csv_header(const TestPredictions& t) {
  std::string out = "y_true";
  if (t.task.task == Task::Regression) out += ",prediction";
  else if (t.task.task == Task::Binary) out += ",p_" + (t.task.class_names.size() > 1 ? t.task.class_names[1] : std::string("1"));
  else
    for (const auto& c : t.task.class_names) out += ",p_" + c;
  out += "\n";
  return out;
}

void append_test_predictions_csv_rows(const TestPredictions& t, size_t from, size_t to, std::string& out) {
  char buf[40];
  for (size_t i = from; i < to && i < t.y.size(); ++i) {
    double y = t.y[i];
    if (t.task.task != Task::Regression && size_t(y) < t.task.class_names.size()) out += t.task.class_names[size_t(y)];
    else { std::snprintf(buf, sizeof buf, "%.17g", y); out += buf; }
    for (size_t c = 0; c < t.scores.cols; ++c) {
      std::snprintf(buf, sizeof buf, ",%.17g", t.scores.at(i, c));
      out += buf;
    }
    out += "\n";
  }
}

}  // namespace lab
