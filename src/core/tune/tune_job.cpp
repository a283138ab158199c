#include "core/tune/tune_job.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "core/math/rng.hpp"
#include "core/models/learner_registry.hpp"
#include "core/tune/cv_data.hpp"
#include "core/tune/fold_fit.hpp"
#include "core/tune/search_space.hpp"
#include "core/tune/worker_pool.hpp"

namespace lab {

using nlohmann::json;

namespace {

constexpr uint64_t kFoldSeedSalt = 0x63766b666f6c64ull;       // "cvkfold": folds differ from the test split
constexpr uint64_t kSubsampleSeedSalt = 0x72756e6773756bull;  // "rungsub": a rung's row subsample
constexpr size_t kMaxGridPoints = size_t(kWholeGrid);
constexpr int64_t kTimeBudgetPlan = 10000;  // random trials planned when only seconds bound the tune

struct Planned {
  int trial;
  int rung;
  int64_t resources;
  json params;
};

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

// Runs a batch of planned trials on the pool; appends the ended ones (finished or failed) to
// `out` in plan order. Returns false when the tune must stop (time or cancel).
class BatchRunner {
 public:
  BatchRunner(const CvData& cv, const TuneRequest& req, const TuneMetric& metric, TuneControl& control, double start)
      : cv_(cv), req_(req), metric_(metric), control_(control), start_(start) {}

  bool run(const std::vector<Planned>& batch, double fraction, uint64_t subsample_seed, std::vector<TrialResult>& out,
           int& threads_used) {
    const size_t k = cv_.folds.size();
    std::vector<TrialResult> results(batch.size());
    std::vector<std::unique_ptr<std::atomic<int>>> left(batch.size());
    std::vector<char> ended(batch.size(), 0);
    std::vector<double> seconds(batch.size() * k, 0.0);
    for (size_t t = 0; t < batch.size(); ++t) {
      left[t] = std::make_unique<std::atomic<int>>(int(k));
      results[t].trial = batch[t].trial;
      results[t].rung = batch[t].rung;
      results[t].resources = batch[t].resources;
      results[t].params = batch[t].params;
      results[t].fold_scores.assign(k, std::nan(""));
    }
    std::atomic<bool> stop{false};
    std::vector<std::string> errors(batch.size());  // written under mutex_, read by the trial's last fold
    std::unique_ptr<std::atomic<bool>[]> failed(new std::atomic<bool>[batch.size()]);
    for (size_t t = 0; t < batch.size(); ++t) failed[t] = false;
    auto work = [&](size_t i) {
      const size_t t = i / k, f = i % k;
      if (control_.cancel.load() || out_of_time()) {
        stop = true;
        return;
      }
      if (!failed[t].load()) {  // once a fold failed, the trial's other folds are not fitted
        try {
          FoldFitRequest fr{req_.algo, batch[t].params, req_.seed, fraction, subsample_seed};
          const double t0 = control_.now_s ? control_.now_s() : 0;
          results[t].fold_scores[f] = fit_fold(cv_.folds[f], cv_.task, metric_, fr, control_.cancel);
          seconds[i] = control_.now_s ? control_.now_s() - t0 : 0;
        } catch (const FoldFitCancelled&) {
          stop = true;
          return;
        } catch (const std::exception& e) {
          std::lock_guard<std::mutex> lock(mutex_);
          if (errors[t].empty()) errors[t] = e.what();
          failed[t] = true;
        }
      }
      if (left[t]->fetch_sub(1) == 1) finish(results[t], errors[t], &seconds[t * k], k, ended[t]);
    };
    threads_used = std::max(threads_used, run_parallel(batch.size() * k, req_.threads, work, stop));
    for (size_t t = 0; t < batch.size(); ++t)
      if (ended[t]) out.push_back(std::move(results[t]));
    return !stop.load() && !control_.cancel.load();
  }

  bool out_of_time() const { return req_.budget_s > 0 && control_.now_s() - start_ >= req_.budget_s; }

 private:
  void finish(TrialResult& r, const std::string& error, const double* seconds, size_t k, char& ended) {
    if (!error.empty()) {
      r.status = "failed";
      r.error = error;
      r.mean = r.std = std::nan("");
    } else {
      double sum = 0, sq = 0;
      for (double s : r.fold_scores) sum += s;
      r.mean = sum / double(k);
      for (double s : r.fold_scores) sq += (s - r.mean) * (s - r.mean);
      r.std = std::sqrt(sq / double(k));
    }
    for (size_t f = 0; f < k; ++f) r.fit_seconds += seconds[f];
    std::lock_guard<std::mutex> lock(mutex_);
    ended = 1;
    if (control_.on_trial) control_.on_trial(r);
  }

  const CvData& cv_;
  const TuneRequest& req_;
  const TuneMetric& metric_;
  TuneControl& control_;
  double start_;
  std::mutex mutex_;
};

// Finished before failed; then later rungs first; then by score; then plan order.
std::vector<size_t> rank(const std::vector<TrialResult>& trials, const TuneMetric& m) {
  std::vector<size_t> order(trials.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const TrialResult &x = trials[a], &y = trials[b];
    const bool xf = x.status == "finished", yf = y.status == "finished";
    if (xf != yf) return xf;
    if (x.rung != y.rung) return x.rung > y.rung;
    if (better_score(m, x.mean, y.mean)) return true;
    if (better_score(m, y.mean, x.mean)) return false;
    return x.trial < y.trial;
  });
  return order;
}

}  // namespace

TrainRequest TuneResult::best_train_request() const {
  if (!has_best()) throw std::invalid_argument("the tune has no finished trial to refit");
  TrainRequest r = base;
  r.params = best().params;
  return r;
}

json TuneResult::leaderboard_json() const {
  json rows = json::array();
  int rank_no = 0;
  for (size_t i : leaderboard) {
    const TrialResult& t = trials[i];
    json row = {{"rank", ++rank_no}, {"trial", t.trial}, {"rung", t.rung},       {"resources", t.resources},
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

TuneResult run_tune(const Table& data, const TuneRequest& req, TuneControl& control) {
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
  const CvData cv = prepare_cv_data(data, probe, result.base, req.cv, req.seed ^ kFoldSeedSalt);
  result.training_rows = cv.training_rows.size();
  result.test_rows = cv.test_rows.size();
  result.training_row_ids = cv.training_rows;
  result.test_row_ids = cv.test_rows;
  const int64_t n_train = int64_t(cv.training_rows.size());

  const double start = control.now_s ? control.now_s() : 0;
  BatchRunner runner(cv, req, result.metric, control, start);
  bool go_on = true;
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
    std::vector<Planned> batch;
    for (size_t i = 0; i < configs.size(); ++i) batch.push_back({int(i), 0, n_train, configs[i]});
    go_on = runner.run(batch, 1.0, 0, result.trials, result.threads_used);
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
    std::vector<json> alive;
    for (int64_t i = 0; i < req.trials; ++i) alive.push_back(space.sample(rng));
    int next_trial = 0;
    for (size_t r = 0; r < schedule.rungs.size() && go_on && !alive.empty(); ++r) {
      const int64_t res = schedule.rungs[r].resources;
      std::vector<Planned> batch;
      for (json p : alive) {
        if (!rows) p["n_estimators"] = res;
        batch.push_back({next_trial++, int(r), res, std::move(p)});
      }
      const size_t before = result.trials.size();
      const double fraction = rows ? double(res) / double(n_train) : 1.0;
      go_on = runner.run(batch, fraction, req.seed ^ (kSubsampleSeedSalt + r), result.trials, result.threads_used);
      // The best ceil(n / factor) of this rung go on (scikit-learn's _top_k), by score then plan order.
      std::vector<TrialResult> rung(result.trials.begin() + std::ptrdiff_t(before), result.trials.end());
      std::vector<size_t> order = rank(rung, result.metric);
      const size_t keep = size_t((int64_t(batch.size()) + req.factor - 1) / req.factor);
      alive.clear();
      for (size_t i = 0; i < order.size() && alive.size() < keep; ++i) {
        if (rung[order[i]].status != "finished") break;
        json p = rung[order[i]].params;
        if (!rows) p.erase("n_estimators");
        alive.push_back(std::move(p));
      }
    }
  }
  result.search_seconds = control.now_s ? control.now_s() - start : 0;
  result.stopped_by = control.cancel.load() ? "cancel" : go_on ? "plan" : "time";
  result.leaderboard = rank(result.trials, result.metric);
  return result;
}

}  // namespace lab
