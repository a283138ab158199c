#pragma once
// What tune.run and automl.run do once the search ended: log the parent and child runs
// (commands/tune_tracking.hpp), refit the winner on all training rows as an ordinary run (model
// saved, registrable; scored once on the test rows), end the parent, and build the reply.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include <stdexcept>

#include "commands/json_args.hpp"
#include "commands/session.hpp"
#include "commands/tune_tracking.hpp"
#include "core/tune/tune_job.hpp"

namespace lab {

// Wall seconds on a steady clock: what a search's time budget counts (TuneControl::now_s).
inline double search_clock_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// The fields tune.run and automl.run share (budget, threads, seed, split, task, features,
// metric), read into either request with the same checks and messages.
template <class Request>
void read_search_basics(const nlohmann::json& a, const Session& s, Request& r) {
  r.budget_s = args::number(a, "budget_s", r.budget_s);
  if (a.contains("budget_s") && !(r.budget_s > 0))
    throw std::invalid_argument("a budget of " + a["budget_s"].dump() +
                                " seconds runs nothing; give budget_s above 0, or leave it out to run the whole plan");
  r.threads = int(args::integer(a, "threads", r.threads));
  const int64_t seed = args::integer(a, "seed", int64_t(r.seed));
  if (seed < 0) throw std::invalid_argument("field 'seed' must be 0 or more, got " + std::to_string(seed));
  r.seed = uint64_t(seed);
  r.test_fraction = args::number(a, "test_fraction", r.test_fraction);
  r.task = args::str(a, "task", s.dataset() ? s.dataset()->task : r.task);
  if (a.contains("features")) r.features = a["features"];
  r.metric = args::str(a, "metric", r.metric);
}

struct SearchOutcomeOptions {
  std::string run_name;        // the parent's; "" = "tune <algo>" or "automl"
  bool refit = true;
  bool include_split = false;  // the training and test row numbers, for a peer to use the same rows
  const TuneRuns* started = nullptr;  // the parent and trials the tab logged while the search ran
};

// A search's outcome in two halves, so the tab can pace the refit like any run in between:
// begin_search_outcome logs the parent and child runs and starts the refit (the session's training
// job), end_search_outcome, once that job ended, links it to the parent and builds the reply.
struct SearchOutcome {
  TuneRuns runs;
  nlohmann::json reply;
  bool refitting = false;  // the session's training job is this search's refit
};
// `logged_as`: the request as the parent run logs it (AutoML describes itself as one too).
SearchOutcome begin_search_outcome(Session& s, const TuneRequest& logged_as, const TuneResult& r,
                                   const SearchOutcomeOptions& options);
nlohmann::json end_search_outcome(Session& s, SearchOutcome& outcome, const TuneResult& r);

// Both halves with the refit run to the end in between (tune.run, automl.run).
nlohmann::json finish_search(Session& s, const TuneRequest& logged_as, const TuneResult& r,
                             const SearchOutcomeOptions& options);

}  // namespace lab
