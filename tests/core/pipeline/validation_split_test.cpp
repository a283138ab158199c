// Early stopping watches validation rows cut from the training rows, never the test rows: the test
// metrics of a run stay honest. And the round it stops at is the same natively and in wasm
// (the expected bits were recorded from the native build; the wasm build runs this file too).
#include <catch2/catch.hpp>

#include "core/data/loan_generator.hpp"
#include "core/models/learner_registry.hpp"
#include "core/pipeline/train_job.hpp"
#include "support/double_bits.hpp"

using namespace lab;
using labtest::bits;

namespace {
TrainRequest early_stopping_gbdt() {
  TrainRequest req;
  req.algo = "hist_gbdt";
  req.params = {{"n_estimators", 300}, {"learning_rate", 0.3}, {"early_stopping_rounds", 5}};
  req.seed = 7;
  return req;
}

nlohmann::json fitted_model(const Table& t, const TrainRequest& req) {
  TrainJob job(t, req);
  while (!job.done()) job.step();
  return job.model_json();
}

// The same table with every feature of the given rows replaced by nonsense (far outside the
// training range, or another category), so any use of those rows in a fit would show.
Table corrupt_rows(Table t, const std::vector<size_t>& rows) {
  for (auto& c : t.columns) {
    if (c.role != ColumnRole::Feature) continue;
    for (size_t k = 0; k < rows.size(); ++k) {
      double& v = c.values[rows[k]];
      if (c.type == ColumnType::Categorical) v = double((size_t(v) + 1 + k) % c.categories.size());
      else v = (k % 2 ? -1e6 : 1e6) * double(k + 1);
    }
  }
  return t;
}
}  // namespace

TEST_CASE("early stopping holds out validation rows from the training rows, stratified and seeded") {
  Table t = generate_loan_dataset({3000, 42});
  TrainJob job(t, early_stopping_gbdt());
  while (!job.done()) job.step();
  TrainResult r = job.evaluate();
  CHECK(r.test_rows == 600);
  CHECK(r.train_rows == 2400);         // the training split, validation rows included
  CHECK(r.validation_rows == 240);     // validation_fraction 0.1 (the default) of them
  CHECK(job.resolved_params()["validation_fraction"] == 0.1);
  // Without early stopping nothing is held out: the trees see every training row.
  TrainRequest plain = early_stopping_gbdt();
  plain.params["early_stopping_rounds"] = 0;
  CHECK(TrainJob(t, plain).validation_rows() == 0);
  TrainRequest quarter = early_stopping_gbdt();
  quarter.params["validation_fraction"] = 0.25;
  CHECK(TrainJob(t, quarter).validation_rows() == 600);
  quarter.params["validation_fraction"] = 0.9;
  CHECK_THROWS_WITH(TrainJob(t, quarter), Catch::Contains("validation_fraction"));
}

TEST_CASE("the test rows never influence a fitted model, for every learner") {
  Table t = generate_loan_dataset({1200, 5});
  for (const auto& info : learners()) {
    bool binary = false;
    for (Task task : info.tasks) binary = binary || task == Task::Binary;
    if (!binary) continue;
    TrainRequest req;
    req.algo = info.algo;
    req.seed = 11;
    if (info.algo == "hist_gbdt") req.params = {{"n_estimators", 200}, {"early_stopping_rounds", 3}};
    if (info.algo == "random_forest") req.params = {{"n_estimators", 10}};
    INFO(info.algo);
    const std::vector<size_t> test_rows = TrainJob(t, req).test_rows();
    REQUIRE(test_rows.size() == 240);
    const nlohmann::json model = fitted_model(t, req);
    CHECK(fitted_model(corrupt_rows(t, test_rows), req) == model);
    // The check can fail: corrupting training rows instead does change the model.
    std::vector<size_t> train_rows;
    for (size_t r = 0, k = 0; r < t.rows(); ++r) {
      if (k < test_rows.size() && test_rows[k] == r) { ++k; continue; }
      if (train_rows.size() < 240) train_rows.push_back(r);
    }
    CHECK(fitted_model(corrupt_rows(t, train_rows), req) != model);
  }
}

TEST_CASE("early stopping stops at the same round natively and in wasm") {
  Table t = generate_loan_dataset({3000, 42});
  TrainJob job(t, early_stopping_gbdt());
  int steps = 0;
  while (!job.done()) job.step(), ++steps;
  TrainResult r = job.evaluate();
  const size_t trees = job.model_json()["model"]["trees"].size();
  INFO("steps " << steps << " trees " << trees << " auc " << bits(r.roc_auc) << " logloss " << bits(r.log_loss));
  CHECK(steps == 17);  // the best round was 12; five more without improvement stop it
  CHECK(trees == 12);
  CHECK(bits(r.roc_auc) == "3feaad4c69db2587");
  CHECK(bits(r.log_loss) == "3fdf7b343f5b5a1a");
}
