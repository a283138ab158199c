#include <cmath>
#include <stdexcept>

#include "core/eval/classification_metrics.hpp"
#include "core/eval/metrics.hpp"
#include "core/eval/multiclass_metrics.hpp"
#include "core/eval/regression_metrics.hpp"
#include "core/pipeline/train_job.hpp"

namespace lab {

// Every metric is a pure function of the predictions, so computing them one per call gives the
// values of computing them together; they are listed in the order the run logs them.
PredictionScorer::PredictionScorer(const TestPredictions& t, size_t train_rows) {
  result_.task = t.task.task;
  result_.train_rows = train_rows;
  result_.test_rows = t.y.size();
  const double nan = std::nan("");
  result_.accuracy = result_.roc_auc = result_.log_loss = result_.rmse = result_.mae = result_.r2 = nan;
  const std::vector<double>* y = &t.y;  // t outlives the scorer; the steps point into it
  const DenseMatrix* P = &t.scores;
  auto one = [](const char* name, auto f) {
    return Step{name, [name, f] { return Metrics{{name, f()}}; }};
  };
  if (result_.task == Task::Binary) {
    steps_ = {one("accuracy", [=] { return accuracy(*y, P->data); }),
              one("precision", [=] { return precision(*y, P->data); }),
              one("recall", [=] { return recall(*y, P->data); }),
              one("f1", [=] { return f1_score(*y, P->data); }),
              one("roc_auc", [=] { return roc_auc(*y, P->data); }),  // sorts the rows: one unit
              one("pr_auc", [=] { return average_precision(*y, P->data); }),
              one("log_loss", [=] { return log_loss(*y, P->data); }),
              one("brier", [=] { return brier_score(*y, P->data); })};
  } else if (result_.task == Task::Multiclass) {
    steps_ = {one("accuracy", [=] { return multiclass_accuracy(*y, *P); }),
              Step{"macro scores",
                   [=] {
                     AveragedScores m = macro_scores(*y, *P);
                     return Metrics{{"macro_precision", m.precision}, {"macro_recall", m.recall}, {"macro_f1", m.f1}};
                   }},
              one("weighted_f1", [=] { return weighted_scores(*y, *P).f1; }),
              one("roc_auc_ovr", [=] { return ovr_macro_roc_auc(*y, *P); }),
              one("log_loss", [=] { return multiclass_log_loss(*y, *P); })};
  } else {
    steps_ = {one("rmse", [=] { return rmse(*y, P->data); }), one("mae", [=] { return mae(*y, P->data); }),
              one("r2", [=] { return r2_score(*y, P->data); }), one("mape", [=] { return mape(*y, P->data); })};
  }
}

const char* PredictionScorer::score_next() {
  if (done()) throw std::logic_error("every metric is scored");
  const Step& s = steps_[next_++];
  for (auto& [name, value] : s.run()) {
    if (name == "accuracy") result_.accuracy = value;
    if (name == "roc_auc" || name == "roc_auc_ovr") result_.roc_auc = value;
    if (name == "log_loss") result_.log_loss = value;
    if (name == "rmse") result_.rmse = value;
    if (name == "mae") result_.mae = value;
    if (name == "r2") result_.r2 = value;
    result_.metrics.emplace_back(std::move(name), value);
  }
  return s.name;
}

TrainResult PredictionScorer::take() {
  if (!done()) throw std::logic_error("metrics are left to score");
  return std::move(result_);
}

TrainResult score_predictions(const TestPredictions& t, size_t train_rows) {
  PredictionScorer s(t, train_rows);
  while (!s.done()) s.score_next();
  return s.take();
}

}  // namespace lab
