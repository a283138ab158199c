// The training job's units of work (core/pipeline/train_job.*): the feature pipeline is fitted a
// column per unit, and a learner with long steps (a forest's tree) does each step in parts that
// report nothing until the step is complete.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/data/dataset_catalog.hpp"
#include "core/pipeline/train_job.hpp"

using namespace lab;

TEST_CASE("a training job fits the feature pipeline one column per unit and a forest's trees in parts") {
  Table t = make_dataset("loan", 30000, 2);
  TrainRequest req;
  req.algo = "random_forest";
  req.params = {{"n_estimators", 2}};
  TrainJob job(t, req);
  std::vector<std::string> pipeline_units;
  int part_units = 0, steps = 0;
  while (!job.finished()) {
    TrainUnit u = job.advance();
    if (u.what.rfind("fit the feature pipeline: ", 0) == 0) pipeline_units.push_back(u.what.substr(26));
    if (u.phase == TrainPhase::Fitting && !u.fit) ++part_units;
    if (u.fit) CHECK(u.fit->step == ++steps);
  }
  // Every input column once, categorical columns first.
  std::vector<std::string> inputs = job.input_names();
  CHECK(pipeline_units.size() == inputs.size());
  for (const auto& name : inputs) CHECK(std::count(pipeline_units.begin(), pipeline_units.end(), name) == 1);
  CHECK(steps == 2);
  CHECK(part_units > 2);

  // The same model as the loop-style API, which takes whole steps.
  TrainJob whole(t, req);
  while (!whole.done()) whole.step();
  whole.evaluate();
  CHECK(whole.model_json() == job.model_json());
  CHECK(whole.test_predictions().scores.data == job.test_predictions().scores.data);
}
