#include "core/tune/trial_batch.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/tune/worker_pool.hpp"

namespace lab {

using nlohmann::json;

void PauseGate::set(bool paused) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    paused_ = paused;
  }
  changed_.notify_all();
}

bool PauseGate::paused() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return paused_;
}

void PauseGate::wait_while_paused(const std::atomic<bool>& cancel) const {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return !paused_ || cancel.load(); });
}

void BatchRunner::begin(std::vector<Planned> batch, double fraction, uint64_t subsample_seed) {
  const size_t k = cv_.folds.size();
  batch_ = std::move(batch);
  fraction_ = fraction;
  subsample_seed_ = subsample_seed;
  next_ = 0;
  stop_ = false;
  fitter_.reset();
  results_.assign(batch_.size(), TrialResult{});
  left_.clear();
  failed_.reset(new std::atomic<bool>[batch_.size()]);
  ended_.assign(batch_.size(), 0);
  errors_.assign(batch_.size(), std::string());
  seconds_.assign(batch_.size() * k, 0.0);
  for (size_t t = 0; t < batch_.size(); ++t) {
    left_.push_back(std::make_unique<std::atomic<int>>(int(k)));
    failed_[t] = false;
    results_[t].trial = batch_[t].trial;
    results_[t].algo = batch_[t].algo;
    results_[t].rung = batch_[t].rung;
    results_[t].resources = batch_[t].resources;
    results_[t].params = batch_[t].params;
    results_[t].fold_scores.assign(k, std::nan(""));
  }
}

void BatchRunner::fold_failed(size_t t, const std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (errors_[t].empty()) errors_[t] = error;
  failed_[t] = true;
}

void BatchRunner::item_ended(size_t i) {
  const size_t t = i / cv_.folds.size();
  if (left_[t]->fetch_sub(1) == 1) finish(t);
}

void BatchRunner::work(size_t i) {
  const size_t k = cv_.folds.size();
  const size_t t = i / k, f = i % k;
  control_.pause.wait_while_paused(control_.cancel);  // between fits only
  if (control_.cancel.load() || out_of_time()) {
    stop_ = true;
    return;
  }
  if (!failed_[t].load()) {  // once a fold failed, the trial's other folds are not fitted
    try {
      FoldFitRequest fr{batch_[t].algo, batch_[t].params, settings_.seed, fraction_, subsample_seed_};
      const double t0 = control_.now_s ? control_.now_s() : 0;
      results_[t].fold_scores[f] = fit_fold(cv_.folds[f], cv_.task, metric_, fr, control_.cancel);
      seconds_[i] = control_.now_s ? control_.now_s() - t0 : 0;
    } catch (const FoldFitCancelled&) {
      stop_ = true;
      return;
    } catch (const std::exception& e) {
      fold_failed(t, e.what());
    }
  }
  item_ended(i);
}

// The same fit as work(next_), a piece per call: the checks and the preparation, then the
// learner's step parts (cancel is looked at before each, as fit_fold does), then the score.
void BatchRunner::step() {
  if (!items_left()) return;
  const size_t k = cv_.folds.size();
  const size_t i = next_, t = i / k, f = i % k;
  const double t0 = control_.now_s ? control_.now_s() : 0;
  auto add_time = [&] { seconds_[i] += control_.now_s ? control_.now_s() - t0 : 0; };
  if (!fitter_) {
    if (control_.cancel.load() || out_of_time()) {
      stop_ = true;
      return;
    }
    if (failed_[t].load()) {
      item_ended(next_++);
      return;
    }
    try {
      fitter_ = std::make_unique<FoldFitter>(cv_.folds[f], cv_.task, metric_,
                                             FoldFitRequest{batch_[t].algo, batch_[t].params, settings_.seed, fraction_, subsample_seed_});
      add_time();
    } catch (const std::exception& e) {
      fold_failed(t, e.what());
      item_ended(next_++);
    }
    return;
  }
  if (control_.cancel.load()) {
    fitter_.reset();
    stop_ = true;
    return;
  }
  try {
    if (!fitter_->done()) {
      fitter_->step_part();
      add_time();
      return;
    }
    results_[t].fold_scores[f] = fitter_->score();
    add_time();
  } catch (const std::exception& e) {
    fold_failed(t, e.what());
  }
  fitter_.reset();
  item_ended(next_++);
}

void BatchRunner::run_rest(int& threads_used) {
  const size_t total = batch_.size() * cv_.folds.size();
  if (!items_left()) return;
  if (fitter_) {  // a fit begun by step() starts over on the pool: the same fit, the same score
    fitter_.reset();
    seconds_[next_] = 0;
  }
  const size_t first = next_;
  next_ = total;
  threads_used = std::max(threads_used,
                          run_parallel(total - first, settings_.threads, [&](size_t j) { work(first + j); }, stop_));
}

bool BatchRunner::end(std::vector<TrialResult>& out) {
  for (size_t t = 0; t < batch_.size(); ++t)
    if (ended_[t]) out.push_back(std::move(results_[t]));
  batch_.clear();
  return !stop_.load() && !control_.cancel.load();
}

bool BatchRunner::run(const std::vector<Planned>& batch, double fraction, uint64_t subsample_seed,
                      std::vector<TrialResult>& out, int& threads_used) {
  begin(batch, fraction, subsample_seed);
  run_rest(threads_used);
  return end(out);
}

void BatchRunner::finish(size_t t) {
  const size_t k = cv_.folds.size();
  TrialResult& r = results_[t];
  if (!errors_[t].empty()) {
    r.status = "failed";
    r.error = errors_[t];
    r.mean = r.std = std::nan("");
  } else {
    double sum = 0, sq = 0;
    for (double s : r.fold_scores) sum += s;
    r.mean = sum / double(k);
    for (double s : r.fold_scores) sq += (s - r.mean) * (s - r.mean);
    r.std = std::sqrt(sq / double(k));
  }
  for (size_t f = 0; f < k; ++f) r.fit_seconds += seconds_[t * k + f];
  std::lock_guard<std::mutex> lock(mutex_);
  ended_[t] = 1;
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

}  // namespace lab
