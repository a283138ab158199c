#include "core/tune/tune_job.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
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

constexpr size_t kMaxGridPoints = size_t(kWholeGrid);
constexpr int64_t kTimeBudgetPlan = 10000;  // random trials planned when only seconds bound the tune

void check_request(const TuneRequest& r, const TuneControl& c) {
  if (r.strategy != "grid" && r.strategy != "random" && r.strategy != "halving")
    throw std::invalid_argument("unknown strategy '" + r.strategy + "'; use grid, random or halving");
  if (r.trials < 0) throw std::invalid_argument("trials must be 0 or more, got " + std::to_string(r.trials));
  if (!(r.budget_s >= 0)) throw std::invalid_argument("budget_s must be 0 or more seconds");
  if (r.trials == 0 && r.budget_s == 0)
    throw std::invalid_argument("a budget of 0 runs no trial; give trials (e.g. 20) or budget_s (e.g. 60) above 0");
  if (r.strategy == "halving" && r.trials == 0)
    throw std::invalid_argument("successive halving needs trials above 0: the number of candidates of its first rung");
  if (r.threads < 1 || r.threads > 64) throw std::invalid_argument("threads must be between 1 and 64");
  if (r.budget_s > 0 && !c.now_s) throw std::logic_error("a budget in seconds needs a clock (TuneControl::now_s)");
  if (r.resource != "auto" && r.resource != "rows" && r.resource != "n_estimators")
    throw std::invalid_argument("resource must be auto, rows or n_estimators, got '" + r.resource + "'");
}

bool has_param(const std::string& algo, const std::string& name) {
  for (const auto& s : param_specs_for(algo))
    if (s.name == name) return true;
  return false;
}

const ParamSpec& spec_of(const std::string& algo, const std::string& name) {
  for (const auto& s : param_specs_for(algo))
    if (s.name == name) return s;
  throw std::invalid_argument(algo + " has no parameter '" + name + "'");
}

}  // namespace

TrainRequest TuneResult::best_train_request() const {
  if (!has_best()) throw std::invalid_argument("the tune has no finished trial to refit");
  TrainRequest r = base;
  r.algo = best().algo;
  r.params = best().params;
  return r;
}

void TuneResult::close(const TuneControl& control, double start, bool finished_plan) {
  search_seconds = control.now_s ? control.now_s() - start : 0;
  stopped_by = control.cancel.load() ? "cancel" : finished_plan ? "plan" : "time";
  leaderboard = rank_trials(trials, metric);
}

json TuneResult::leaderboard_json() const {
  json rows = json::array();
  int rank_no = 0;
  for (size_t i : leaderboard) {
    const TrialResult& t = trials[i];
    json row = {{"rank", ++rank_no}, {"trial", t.trial}, {"algo", t.algo}, {"rung", t.rung},       {"resources", t.resources},
                {"params", t.params}, {"status", t.status}, {"fit_seconds", t.fit_seconds}};
    if (t.status == "finished") {
      row["mean"] = t.mean;
      row["std"] = t.std;
      row["folds"] = t.fold_scores;
    } else {
      row["error"] = t.error;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::unique_ptr<SearchStepper> prepare_tune(const Table& data, const TuneRequest& req, TuneControl& control) {
  check_request(req, control);
  TuneResult result;
  result.strategy = req.strategy;
  result.base.algo = req.algo;
  result.base.params = json::object();
  result.base.test_fraction = req.test_fraction;
  result.base.seed = req.seed;
  result.base.task = req.task;
  result.base.features = req.features;
  // Validates data, target (one class is refused here), task and learner; splits as the refit will.
  TrainJob probe(data, result.base);
  result.task = probe.target_task().task;
  result.metric = tune_metric_for(result.task, req.metric);

  std::string drop;
  if (req.strategy == "halving") {
    const bool trees = has_param(req.algo, "n_estimators");
    result.resource = req.resource == "auto" ? (trees ? "n_estimators" : "rows") : req.resource;
    if (result.resource == "n_estimators" && !trees)
      throw std::invalid_argument(req.algo + " has no n_estimators to use as the resource; use resource rows");
    if (result.resource == "n_estimators") drop = "n_estimators";
  }
  const SearchSpace space = search_space_for(req.algo, req.space, drop);
  result.space = space.to_json();
  CvData cv = prepare_cv_data(data, probe, result.base, req.cv, req.seed ^ kFoldSeedSalt);
  result.training_rows = cv.training_rows.size();
  result.test_rows = cv.test_rows.size();
  result.training_row_ids = cv.training_rows;
  result.test_row_ids = cv.test_rows;
  const int64_t n_train = int64_t(cv.training_rows.size());

  SearchPlan plan;
  if (req.strategy != "halving") {
    std::vector<json> configs;
    if (req.strategy == "grid") {
      configs = space.grid(req.grid_points, kMaxGridPoints);
      if (req.trials > 0 && int64_t(configs.size()) > req.trials) {
        result.note = "the grid has " + std::to_string(configs.size()) + " points; trials = " +
                      std::to_string(req.trials) + " ran the first ones only (omit trials to run the whole grid)";
        configs.resize(size_t(req.trials));
      }
    } else {
      Rng rng(req.seed);
      const int64_t n = req.trials > 0 ? req.trials : kTimeBudgetPlan;
      for (int64_t i = 0; i < n; ++i) configs.push_back(space.sample(rng));
    }
    for (size_t i = 0; i < configs.size(); ++i) plan.first.push_back({int(i), req.algo, 0, n_train, configs[i]});
  } else {
    const bool rows = result.resource == "rows";
    const int64_t max_res = req.max_resources > 0 ? req.max_resources
                            : rows                ? n_train
                                                  : int64_t(spec_of(req.algo, "n_estimators").tune_max);
    if (rows && max_res > n_train)
      throw std::invalid_argument("max_resources (" + std::to_string(max_res) + ") is more than the " +
                                  std::to_string(n_train) + " training rows");
    const int64_t smallest = smallest_resources(rows, req.cv, probe.target_task().n_classes());
    const HalvingSchedule schedule = halving_schedule(req.trials, req.factor, req.min_resources, smallest, max_res);
    result.rungs = schedule.rungs;
    Rng rng(req.seed);
    for (int64_t i = 0; i < req.trials; ++i) plan.candidates.push_back({0, req.algo, 0, 0, space.sample(rng)});
    plan.halving = HalvingPlan{schedule.rungs, req.factor, rows, n_train, req.seed ^ kSubsampleSeedSalt};
  }
  return std::make_unique<SearchStepper>(std::move(result), std::move(cv),
                                         BatchSettings{req.seed, req.threads, req.budget_s}, control, std::move(plan));
}

TuneResult run_tune(const Table& data, const TuneRequest& req, TuneControl& control) {
  std::unique_ptr<SearchStepper> search = prepare_tune(data, req, control);
  search->run_to_end();
  return search->take_result();
}

}  // namespace lab
