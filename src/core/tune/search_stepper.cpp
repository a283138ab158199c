#include "core/tune/search_stepper.hpp"

namespace lab {

SearchStepper::SearchStepper(TuneResult header, CvData cv, const BatchSettings& settings, TuneControl& control,
                             SearchPlan plan)
    : result_(std::move(header)),
      cv_(std::move(cv)),
      control_(control),
      plan_(std::move(plan)),
      start_(control.now_s ? control.now_s() : 0),
      runner_(cv_, settings, result_.metric, control_, start_) {
  planned_ = plan_.first.size();
  if (!plan_.candidates.empty())
    for (const auto& g : plan_.halving.rungs) planned_ += size_t(g.candidates);
  alive_ = std::move(plan_.candidates);
  next_trial_ = plan_.first_halving_trial;
  runner_.begin(std::move(plan_.first), 1.0, 0);
}

bool SearchStepper::step() {
  if (ended_) return false;
  runner_.step();
  if (!runner_.items_left()) end_batch();
  return !ended_;
}

void SearchStepper::run_to_end() {
  while (!ended_) {
    runner_.run_rest(result_.threads_used);
    end_batch();
  }
}

void SearchStepper::end_batch() {
  if (!runner_.end(result_.trials)) {
    result_.close(control_, start_, false);
    ended_ = true;
    return;
  }
  if (in_rungs_) {
    // The best ceil(n / factor) of this rung go on (scikit-learn's _top_k), by score then plan order.
    std::vector<TrialResult> rung(result_.trials.begin() + std::ptrdiff_t(rung_begin_), result_.trials.end());
    const std::vector<size_t> order = rank_trials(rung, result_.metric);
    const size_t keep = size_t((int64_t(alive_.size()) + plan_.halving.factor - 1) / plan_.halving.factor);
    alive_.clear();
    for (size_t i = 0; i < order.size() && alive_.size() < keep; ++i) {
      const TrialResult& t = rung[order[i]];
      if (t.status != "finished") break;
      Planned p{0, t.algo, 0, 0, t.params};
      if (!plan_.halving.rows) p.params.erase("n_estimators");
      alive_.push_back(std::move(p));
    }
    ++rung_;
  }
  in_rungs_ = true;
  if (rung_ < plan_.halving.rungs.size() && !alive_.empty()) {
    start_rung();
    return;
  }
  result_.close(control_, start_, true);
  ended_ = true;
}

void SearchStepper::start_rung() {
  const int64_t res = plan_.halving.rungs[rung_].resources;
  std::vector<Planned> batch;
  for (Planned p : alive_) {
    if (!plan_.halving.rows) p.params["n_estimators"] = res;
    p.trial = next_trial_++;
    p.rung = int(rung_);
    p.resources = res;
    batch.push_back(std::move(p));
  }
  rung_begin_ = result_.trials.size();
  const double fraction = plan_.halving.rows ? double(res) / double(plan_.halving.n_train) : 1.0;
  runner_.begin(std::move(batch), fraction, plan_.halving.subsample_seed + rung_);
}

}  // namespace lab
