#include "commands/search_job.hpp"

#include <stdexcept>

#include "commands/dispatcher.hpp"
#include "commands/search_requests.hpp"
#include "commands/search_versus_manual.hpp"
#include "commands/session.hpp"
#include "core/tune/worker_pool.hpp"

namespace lab {

using nlohmann::json;

double PausableClock::now() const {
  const double raw = search_clock_seconds();
  const double since = paused_since_.load();
  return raw - paused_total_.load() - (since >= 0 ? raw - since : 0);
}

void PausableClock::pause() {
  if (paused_since_.load() < 0) paused_since_ = search_clock_seconds();
}

void PausableClock::resume() {
  const double since = paused_since_.load();
  if (since < 0) return;
  paused_total_ = paused_total_.load() + (search_clock_seconds() - since);
  paused_since_ = -1;
}

const char* to_string(SearchJob::State s) {
  switch (s) {
    case SearchJob::State::Idle: return "idle";
    case SearchJob::State::Running: return "running";
    case SearchJob::State::Paused: return "paused";
    case SearchJob::State::Finishing: return "finishing";
    case SearchJob::State::Done: return "done";
    case SearchJob::State::Cancelled: return "cancelled";
    case SearchJob::State::Failed: return "failed";
  }
  return "?";
}

struct SearchJob::Search {
  std::string kind;  // tune | automl
  TuneRequest tune;  // as run (tune) or as the parent run logs it (automl, once the trials ended)
  AutomlRequest automl;
  SearchOutcomeOptions options;
  std::string register_as, dataset_hash;
  json data_checks = json::array();
  PausableClock clock;
  TuneControl control;
  std::unique_ptr<SearchStepper> stepper;
  TuneMetric metric;
  size_t planned = 0;
  double budget_s = 0;
  bool threaded = false;
  int threads = 1;
  std::thread worker;
  std::atomic<bool> worker_ended{false};
  std::string worker_error;  // written by the worker before worker_ended
  mutable std::mutex progress_mutex;
  std::vector<TrialResult> ended;  // under progress_mutex, in the order they ended
  double started_s = 0, ended_s = -1;
  std::optional<TuneResult> result;
  std::optional<SearchOutcome> outcome;
  json reply;
  std::string error;
  // Logged as the trials end (tune_tracking.hpp), so a reload in the middle loses none of them.
  TuneRuns logged;
  size_t trials_logged = 0;
};

SearchJob::SearchJob(Session& s, Dispatcher& d) : s_(s), d_(d) {}

SearchJob::~SearchJob() {
  if (search_ && search_->worker.joinable()) {
    search_->control.cancel = true;
    search_->control.pause.set(false);
    search_->worker.join();
  }
}

void SearchJob::check_can_start() const {
  if (state_ == State::Running || state_ == State::Paused || state_ == State::Finishing)
    throw std::invalid_argument("a " + search_->kind + " search is " + to_string(state_) +
                                "; wait for it, or cancel it, before starting another");
  if (s_.training().state == TrainState::Running)
    throw std::invalid_argument("a training run is in progress ('" + s_.training().run_name +
                                "'); let it finish or cancel it in Train before starting a search");
  if (!s_.dataset()) throw std::invalid_argument("no dataset loaded; generate or import one first (data.generate)");
}

json SearchJob::start(const std::string& kind, const json& a) {
  check_can_start();
  auto x = std::make_unique<Search>();
  Search* p = x.get();
  x->kind = kind;
  x->control.now_s = [p] { return p->clock.now(); };
  x->control.on_trial = [p](const TrialResult& t) {
    std::lock_guard<std::mutex> lock(p->progress_mutex);
    p->ended.push_back(t);
  };
  x->options.run_name = args::str(a, "run_name", "");
  x->options.include_split = a.value("include_split", false);
  int threads = 1;
  if (kind == "tune") {
    x->options.refit = !a.contains("refit") || (a["refit"].is_boolean() && a["refit"].get<bool>());
    x->tune = read_tune_request(a, s_);
    x->stepper = prepare_tune(s_.dataset()->table, x->tune, x->control);
    threads = x->tune.threads;
    x->budget_s = x->tune.budget_s;
  } else {
    x->automl = read_automl_request(a, s_);
    x->data_checks = automl_data_checks(s_);
    x->register_as = args::str(a, "register_as", "");
    x->stepper = prepare_automl(s_.dataset()->table, x->automl, x->control);
    threads = x->automl.threads;
    x->budget_s = x->automl.budget_s;
  }
  x->metric = x->stepper->result().metric;
  x->planned = x->stepper->planned_trials();
  x->dataset_hash = s_.dataset()->hash;
  x->threaded = threads_available() && !a.value("on_main_thread", false);
  x->threads = x->threaded ? threads : 1;
  x->started_s = x->clock.now();
  x->logged = start_tune_parent(s_, search_run_name(x->options.run_name, kind == "automl", x->tune.algo));
  x->options.started = &x->logged;
  if (search_ && search_->worker.joinable()) search_->worker.join();  // ended already (state is not running)
  search_ = std::move(x);
  state_ = State::Running;
  if (p->threaded) {
    // The main thread never waits for this thread while it runs: frame() joins it only after
    // worker_ended says it is done.
    p->worker = std::thread([p] {
      try {
        p->stepper->run_to_end();
      } catch (const std::exception& e) {
        p->worker_error = e.what();
      } catch (...) {
        p->worker_error = "the search stopped on an unknown error";
      }
      p->worker_ended = true;
    });
  }
  return json{{"kind", kind}, {"state", to_string(state_)}, {"trials_planned", p->planned}, {"threads", p->threads},
              {"on_main_thread", !p->threaded}};
}

json SearchJob::pause() {
  if (state_ != State::Running)
    throw std::invalid_argument(std::string("only a running search can pause; this one is ") + to_string(state_));
  search_->clock.pause();
  if (search_->threaded) search_->control.pause.set(true);  // workers stop between fits
  state_ = State::Paused;
  return json{{"state", to_string(state_)}};
}

json SearchJob::resume() {
  if (state_ != State::Paused)
    throw std::invalid_argument(std::string("only a paused search can resume; this one is ") + to_string(state_));
  search_->clock.resume();
  search_->control.pause.set(false);
  state_ = State::Running;
  return json{{"state", to_string(state_)}};
}

json SearchJob::cancel() {
  if (state_ == State::Running || state_ == State::Paused) {
    // The fits in flight finish; the trials that ended are kept and the best of them refit.
    search_->control.cancel = true;
    search_->clock.resume();
    search_->control.pause.set(false);
    state_ = State::Running;
  } else if (state_ == State::Finishing) {
    if (search_->outcome && search_->outcome->refitting && s_.training().state == TrainState::Running)
      s_.cancel_training();
  } else {
    throw std::invalid_argument(std::string("no search is running to cancel; the last one is ") + to_string(state_));
  }
  return json{{"state", to_string(state_)}, {"cancel_requested", true}};
}

json SearchJob::frame(double budget_ms) {
  const double started_ms = search_clock_seconds() * 1e3;
  int units = 0;
  if (state_ == State::Running) {
    Search& x = *search_;
    if (x.threaded) {
      if (x.worker_ended.load()) {
        x.worker.join();  // it has ended: this does not wait
        if (!x.worker_error.empty()) fail(x.worker_error);
        else end_trials();
      }
    } else {
      try {
        for (;;) {
          const bool more = x.stepper->step();
          ++units;
          if (!more || search_clock_seconds() * 1e3 - started_ms >= budget_ms) break;
        }
        if (x.stepper->ended()) end_trials();
      } catch (const std::exception& e) {
        fail(e.what());
      }
    }
  }
  if (search_ && !search_->outcome) log_new_trials();
  if (state_ == State::Finishing) {
    try {
      finish_step(budget_ms, started_ms);
    } catch (const std::exception& e) {
      fail(std::string("the trials ended and are kept, but finishing the search failed: ") + e.what());
    }
  }
  size_t ended = 0;
  if (search_) {
    std::lock_guard<std::mutex> lock(search_->progress_mutex);
    ended = search_->ended.size();
  }
  return json{{"state", to_string(state_)}, {"trials_ended", ended}, {"units", units}};
}

void SearchJob::log_new_trials() {
  Search& x = *search_;
  std::vector<TrialResult> fresh;
  {
    std::lock_guard<std::mutex> lock(x.progress_mutex);
    fresh.assign(x.ended.begin() + std::ptrdiff_t(x.trials_logged), x.ended.end());
  }
  x.trials_logged += fresh.size();
  const bool automl = x.kind == "automl";
  const uint64_t seed = automl ? x.automl.seed : x.tune.seed;
  const int cv = automl ? x.automl.cv : x.tune.cv;
  for (const TrialResult& t : fresh) log_tune_trial(s_, x.logged, x.metric.name, seed, cv, t);
}

void SearchJob::end_trials() {
  Search& x = *search_;
  x.result = x.stepper->take_result();
  x.ended_s = x.clock.now();
  if (x.kind == "automl") x.tune = automl_logged_as(x.automl, *x.result);
  state_ = State::Finishing;
}

// One piece per frame: the runs logged (and the refit started), then the refit's units within the
// budget, then the closing steps.
void SearchJob::finish_step(double budget_ms, double started_ms) {
  Search& x = *search_;
  if (!x.outcome) {
    if (s_.training().state == TrainState::Running) return;  // another run trains: the refit waits for it
    if (!s_.dataset() || s_.dataset()->hash != x.dataset_hash) {
      x.options.refit = false;  // a refit now would train on other data than the trials were scored on
      x.reply["refit_note"] = "the dataset changed while the search ran, so the best trial was not refit";
    }
    const json note = x.reply;
    x.outcome = begin_search_outcome(s_, x.tune, *x.result, x.options);
    for (auto it = note.begin(); it != note.end(); ++it) x.outcome->reply[it.key()] = it.value();
    return;
  }
  if (x.outcome->refitting && s_.training().state == TrainState::Running) {
    while (s_.advance_training())
      if (search_clock_seconds() * 1e3 - started_ms >= budget_ms) return;
    if (s_.training().state == TrainState::Running) return;
  }
  close();
}

void SearchJob::close() {
  Search& x = *search_;
  json reply = end_search_outcome(s_, *x.outcome, *x.result);
  if (x.kind == "automl") {
    reply["data_checks"] = x.data_checks;
    finish_automl_reply(s_, *x.result, x.register_as, reply);
  }
  const std::string refit = reply.value("refit_run_id", "");
  if (!refit.empty() && reply.value("refit_state", "") == "done") {
    json imp = d_.handle(json{{"cmd", "explain.importance"}, {"run_id", refit}});
    if (imp.value("ok", false)) {
      imp.erase("ok");
      reply["importance"] = imp;
    } else {
      reply["importance_error"] = imp.value("error", "permutation importance failed");
    }
  }
  reply["versus_manual"] = search_versus_manual(s_, *x.result, refit, x.dataset_hash);
  x.reply = std::move(reply);
  state_ = x.result->stopped_by == "cancel" ? State::Cancelled : State::Done;
}

void SearchJob::fail(const std::string& why) {
  search_->error = why;
  state_ = State::Failed;
  // The trials that ended stay; their parent says why it ended here.
  const std::string& parent = search_->logged.parent;
  if (!parent.empty() && !search_->outcome) {
    try {
      log_new_trials();
      s_.store().set_note(parent, "This search failed: " + why + ". The trials that ended are kept as its child runs.");
      s_.store().end_run(parent, RunStatus::Failed);
    } catch (const std::exception&) {
      // the store refused (full storage): the reply already says why the search failed
    }
  }
}

std::vector<TrialResult> SearchJob::trials_so_far() const {
  std::lock_guard<std::mutex> lock(search_->progress_mutex);
  return search_->ended;
}

json SearchJob::status(size_t limit) const {
  json j = {{"state", to_string(state_)}, {"threads_available", threads_available()}};
  // The tab's build has no threads (whether or not the page is cross-origin isolated): say what
  // that means for the participant, not why a page header is missing.
  if (!threads_available())
    j["threads_note"] = "in the browser the lab runs one trial at a time, between frames, on one core";
  if (!search_) return j;
  const Search& x = *search_;
  TuneResult so_far;
  so_far.trials = x.result ? x.result->trials : trials_so_far();
  so_far.leaderboard = rank_trials(so_far.trials, x.metric);
  json board = so_far.leaderboard_json();
  if (board.size() > limit) board.erase(board.begin() + std::ptrdiff_t(limit), board.end());
  json ended = json::array();  // in the order they ended: the chart's points
  for (const TrialResult& t : trials_so_far()) {
    json p = {{"trial", t.trial}, {"algo", t.algo}, {"rung", t.rung}, {"status", t.status}, {"params", t.params},
              {"fit_seconds", t.fit_seconds}};
    if (t.status == "finished") p["mean"] = t.mean, p["std"] = t.std;
    ended.push_back(std::move(p));
  }
  j["kind"] = x.kind;
  j["metric"] = x.metric.name;
  j["greater_is_better"] = x.metric.greater_is_better;
  j["trials_planned"] = x.planned;
  j["budget_s"] = x.budget_s;
  j["trials_ended"] = ended.size();
  j["elapsed_s"] = (x.ended_s >= 0 ? x.ended_s : x.clock.now()) - x.started_s;
  j["threads"] = x.result ? x.result->threads_used : x.threads;
  j["on_main_thread"] = !x.threaded;
  j["leaderboard"] = board;
  j["trials"] = ended;
  if (x.kind == "automl") j["data_checks"] = x.data_checks;
  if (x.result) j["stopped_by"] = x.result->stopped_by;
  if (state_ == State::Done || state_ == State::Cancelled) j["reply"] = x.reply;
  if (state_ == State::Failed) j["error"] = x.error;
  return j;
}

}  // namespace lab
