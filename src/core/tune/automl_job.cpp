#include "core/tune/automl_job.hpp"

#include <stdexcept>

#include "core/math/rng.hpp"
#include "core/models/learner_registry.hpp"
#include "core/tune/cv_data.hpp"
#include "core/tune/search_space.hpp"
#include "core/tune/search_stepper.hpp"
#include "core/tune/trial_batch.hpp"

namespace lab {

using nlohmann::json;

namespace {

bool supports(const LearnerInfo& info, Task task) {
  for (Task t : info.tasks)
    if (t == task) return true;
  return false;
}

std::vector<std::string> learners_for(const AutomlRequest& req, Task task, size_t training_rows) {
  if (!req.algos.empty()) {
    for (const auto& algo : req.algos)
      if (!supports(learner_info(algo), task))
        throw std::invalid_argument(algo + " does not do " + std::string(to_string(task)) + "; leave it out of algos");
    return req.algos;
  }
  std::vector<std::string> out;
  for (const auto& info : learners()) {
    if (!supports(info, task) || info.algo == baseline_algo(task)) continue;
    if ((info.algo == "knn" || info.algo == "svm") && training_rows > kSmallTrainingRows) continue;
    out.push_back(info.algo);
  }
  return out;
}

// Each learner's own default space; boosting early-stops (10 rounds without improvement).
json narrowing_for(const std::string& algo) {
  if (algo == "hist_gbdt") return {{"early_stopping_rounds", 10}};
  return json::object();
}

}  // namespace

std::string baseline_algo(Task task) { return task == Task::Regression ? "ridge_regression" : "logistic_regression"; }

std::unique_ptr<SearchStepper> prepare_automl(const Table& data, const AutomlRequest& req, TuneControl& control) {
  if (!(req.budget_s >= 0)) throw std::invalid_argument("budget_s must be 0 or more seconds");
  if (req.budget_s > 0 && !control.now_s) throw std::logic_error("a budget in seconds needs a clock");
  if (req.candidates_per_learner < 1)
    throw std::invalid_argument("candidates_per_learner must be at least 1, got " + std::to_string(req.candidates_per_learner));
  if (req.threads < 1 || req.threads > 64) throw std::invalid_argument("threads must be between 1 and 64");
  TuneResult result;
  result.strategy = "automl";
  result.resource = "rows";
  result.base.params = json::object();
  result.base.test_fraction = req.test_fraction;
  result.base.seed = req.seed;
  result.base.task = req.task;
  result.base.features = req.features;
  // The data checks: target present, usable (not one class), features present; the split.
  result.base.algo = "decision_tree";  // does every task, so the probe only judges the data
  TrainJob probe(data, result.base);
  result.task = probe.target_task().task;
  result.metric = tune_metric_for(result.task, req.metric);
  CvData cv = prepare_cv_data(data, probe, result.base, req.cv, req.seed ^ kFoldSeedSalt);
  result.training_rows = cv.training_rows.size();
  result.test_rows = cv.test_rows.size();
  result.training_row_ids = cv.training_rows;
  result.test_row_ids = cv.test_rows;
  const int64_t n_train = int64_t(cv.training_rows.size());

  const std::vector<std::string> algos = learners_for(req, result.task, cv.training_rows.size());
  std::vector<Planned> candidates;
  result.space = json::object();
  for (size_t a = 0; a < algos.size(); ++a) {
    const SearchSpace space = search_space_for(algos[a], narrowing_for(algos[a]));
    result.space[algos[a]] = space.to_json();
    Rng rng(req.seed ^ (0x9e3779b97f4a7c15ull * (a + 1)));  // each learner its own stream
    for (int i = 0; i < req.candidates_per_learner; ++i) candidates.push_back({0, algos[a], 0, 0, space.sample(rng)});
  }
  const std::string baseline = baseline_algo(result.task);
  const int64_t smallest = smallest_resources(true, req.cv, probe.target_task().n_classes());
  const HalvingSchedule schedule =
      candidates.empty() ? HalvingSchedule{smallest, 1, 1, {{n_train, 0}}}
                         : halving_schedule(int64_t(candidates.size()), req.factor, "exhaust", smallest, n_train);
  result.rungs = schedule.rungs;

  // The baseline first, on every training row, ranked with the last rung's survivors.
  const int last_rung = int(schedule.rungs.size()) - 1;
  SearchPlan plan;
  plan.first = {{0, baseline, last_rung, n_train, resolve_params(param_specs_for(baseline), json::object())}};
  plan.candidates = std::move(candidates);
  plan.halving = HalvingPlan{schedule.rungs, req.factor, true, n_train, req.seed ^ kSubsampleSeedSalt};
  plan.first_halving_trial = 1;
  return std::make_unique<SearchStepper>(std::move(result), std::move(cv),
                                         BatchSettings{req.seed, req.threads, req.budget_s}, control, std::move(plan));
}

TuneResult run_automl(const Table& data, const AutomlRequest& req, TuneControl& control) {
  std::unique_ptr<SearchStepper> search = prepare_automl(data, req, control);
  search->run_to_end();
  return search->take_result();
}

}  // namespace lab
