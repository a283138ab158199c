// predictions.csv written in pieces (as the session saves 200k rows over several units) is the
// CSV written at once, for every task.
#include <catch2/catch.hpp>

#include "core/pipeline/test_predictions_io.hpp"

using namespace lab;

TEST_CASE("predictions.csv chunk by chunk is predictions.csv at once") {
  TestPredictions t;
  t.task.task = Task::Multiclass;
  t.task.class_names = {"a", "b", "c"};
  t.scores = DenseMatrix(10, 3);
  for (size_t i = 0; i < 10; ++i) {
    t.y.push_back(double(i % 3));
    for (size_t c = 0; c < 3; ++c) t.scores.at(i, c) = double(i * 3 + c) / 31.0;
  }
  for (Task task : {Task::Multiclass, Task::Regression}) {
    t.task.task = task;
    if (task == Task::Regression) t.scores = DenseMatrix(10, 1), t.scores.data.assign(10, 0.1);
    std::string parts = test_predictions_csv_header(t);
    for (size_t from = 0; from < t.y.size(); from += 4) append_test_predictions_csv_rows(t, from, from + 4, parts);
    CHECK(parts == test_predictions_to_csv(t));
  }
  CHECK(test_predictions_csv_header(t) == "y_true,prediction\n");
}
