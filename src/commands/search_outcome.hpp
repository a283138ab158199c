#pragma once
// What tune.run and automl.run do once the search ended: log the parent and child runs
// (commands/tune_tracking.hpp), refit the winner on all training rows as an ordinary run (model
// saved, registrable; scored once on the test rows), end the parent, and build the reply.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/session.hpp"
#include "core/tune/tune_job.hpp"

namespace lab {

// Wall seconds on a steady clock: what a search's time budget counts (TuneControl::now_s).
inline double search_clock_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

struct SearchOutcomeOptions {
  std::string run_name;        // the parent's; "" = "tune <algo>" or "automl"
  bool refit = true;
  bool include_split = false;  // the training and test row numbers, for a peer to use the same rows
};

// `logged_as`: the request as the parent run logs it (AutoML describes itself as one too).
nlohmann::json finish_search(Session& s, const TuneRequest& logged_as, const TuneResult& r,
                             const SearchOutcomeOptions& options);

}  // namespace lab
