// The tab's paced searches (commands/search_job.hpp): tune.start and automl.start take tune.run's
// and automl.run's arguments and return at once; search.frame (the app calls it every frame)
// advances the one search; search.status, .pause, .resume and .cancel read and steer it.
#include <algorithm>
#include <memory>

#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"
#include "commands/search_job.hpp"

namespace lab {

using nlohmann::json;

void register_search_commands(Dispatcher& d, Session& s) {
  auto job = std::make_shared<SearchJob>(s, d);
  d.add("tune.start",
        "starts tune.run's search without waiting for it (the tab): the same arguments, plus on_main_thread?: true "
        "(step it on the main thread even where threads exist); one search at a time, not while a training runs. "
        "Follow it with search.status",
        [job](const json& a) { return job->start("tune", a); });
  d.add("automl.start",
        "starts automl.run's search without waiting for it (the tab): the same arguments (register_as? included), "
        "plus on_main_thread?; one search at a time. Follow it with search.status",
        [job](const json& a) { return job->start("automl", a); });
  d.add("search.status",
        "the search in the tab: {limit?: 50 leaderboard rows} -> kind, state (running|paused|finishing|done|cancelled|"
        "failed), leaderboard so far, trials planned and ended, elapsed_s, threads (and why one), the trials in the "
        "order they ended, the final reply when done or cancelled, the error when failed",
        [job](const json& a) { return job->status(size_t(std::max<int64_t>(1, args::integer(a, "limit", 50)))); });
  d.add("search.pause", "pauses the running search: worker threads stop between two fits (never in the middle of one); a search stepped on the main thread simply is not stepped",
        [job](const json&) { return job->pause(); });
  d.add("search.resume", "resumes the paused search", [job](const json&) { return job->resume(); });
  d.add("search.cancel",
        "cancels the search: the trials that ended are kept, and the best of them is still logged and refit (cancel "
        "again while it finishes to stop the refit)",
        [job](const json&) { return job->cancel(); });
  d.add("search.frame",
        "one frame's share of the search (the app calls it every frame): {budget_ms?: 8} -> {state, trials_ended, units: pieces of fits done on this thread}",
        [job](const json& a) {
          const double budget = args::number(a, "budget_ms", 8.0);
          if (!(budget > 0 && budget <= 1000)) throw std::invalid_argument("budget_ms must be above 0 and at most 1000");
          return job->frame(budget);
        });
}

}  // namespace lab
