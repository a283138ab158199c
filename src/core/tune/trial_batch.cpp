#include "core/tune/trial_batch.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/tune/fold_fit.hpp"
#include "core/tune/worker_pool.hpp"

namespace lab {

using nlohmann::json;

bool BatchRunner::run(const std::vector<Planned>& batch, double fraction, uint64_t subsample_seed, std::vector<TrialResult>& out,
         int& threads_used) {
  const size_t k = cv_.folds.size();
  std::vector<TrialResult> results(batch.size());
  std::vector<std::unique_ptr<std::atomic<int>>> left(batch.size());
  std::vector<char> ended(batch.size(), 0);
  std::vector<double> seconds(batch.size() * k, 0.0);
  for (size_t t = 0; t < batch.size(); ++t) {
    left[t] = std::make_unique<std::atomic<int>>(int(k));
    results[t].trial = batch[t].trial;
    results[t].algo = batch[t].algo;
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
        FoldFitRequest fr{batch[t].algo, batch[t].params, settings_.seed, fraction, subsample_seed};
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
  threads_used = std::max(threads_used, run_parallel(batch.size() * k, settings_.threads, work, stop));
  for (size_t t = 0; t < batch.size(); ++t)
    if (ended[t]) out.push_back(std::move(results[t]));
  return !stop.load() && !control_.cancel.load();
}

void BatchRunner::finish(TrialResult& r, const std::string& error, const double* seconds, size_t k, char& ended) {
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

std::vector<size_t> rank_trials(const std::vector<TrialResult>& trials, const TuneMetric& m) {
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

bool run_halving(BatchRunner& runner, std::vector<Planned> alive, const HalvingPlan& plan, int first_trial,
                 const TuneMetric& metric, std::vector<TrialResult>& out, int& threads_used) {
  int next_trial = first_trial;
  for (size_t r = 0; r < plan.rungs.size() && !alive.empty(); ++r) {
    const int64_t res = plan.rungs[r].resources;
    std::vector<Planned> batch;
    for (Planned p : alive) {
      if (!plan.rows) p.params["n_estimators"] = res;
      p.trial = next_trial++;
      p.rung = int(r);
      p.resources = res;
      batch.push_back(std::move(p));
    }
    const size_t before = out.size();
    const double fraction = plan.rows ? double(res) / double(plan.n_train) : 1.0;
    const bool go_on = runner.run(batch, fraction, plan.subsample_seed + r, out, threads_used);
    if (!go_on) return false;
    // The best ceil(n / factor) of this rung go on (scikit-learn's _top_k), by score then plan order.
    std::vector<TrialResult> rung(out.begin() + std::ptrdiff_t(before), out.end());
    const std::vector<size_t> order = rank_trials(rung, metric);
    const size_t keep = size_t((int64_t(batch.size()) + plan.factor - 1) / plan.factor);
    alive.clear();
    for (size_t i = 0; i < order.size() && alive.size() < keep; ++i) {
      const TrialResult& t = rung[order[i]];
      if (t.status != "finished") break;
      Planned p{0, t.algo, 0, 0, t.params};
      if (!plan.rows) p.params.erase("n_estimators");
      alive.push_back(std::move(p));
    }
  }
  return true;
}

}  // namespace lab
