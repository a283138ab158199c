// tune.run and tune.space: search one learner's parameters by cross-validation (core/tune/);
// logging, the refit and the reply are commands/search_outcome.hpp's.
#include <chrono>

#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"
#include "commands/search_outcome.hpp"
#include "commands/search_requests.hpp"
#include "core/tune/search_space.hpp"

namespace lab {

using nlohmann::json;

TuneRequest read_tune_request(const json& a, const Session& s) {
  TuneRequest r;
  r.algo = args::str(a, "algo", r.algo);
  if (a.contains("space")) r.space = a["space"];
  r.strategy = args::str(a, "strategy", r.strategy);
  r.cv = int(args::integer(a, "cv", r.cv));
  // A grid without a number of trials runs whole.
  r.trials = args::integer(a, "trials", r.strategy == "grid" ? kWholeGrid : r.trials);
  read_search_basics(a, s, r);
  r.grid_points = int(args::integer(a, "grid_points", r.grid_points));
  r.factor = int(args::integer(a, "factor", r.factor));
  if (a.contains("min_resources"))
    r.min_resources = a["min_resources"].is_number_integer() ? std::to_string(a["min_resources"].get<int64_t>())
                                                             : args::str(a, "min_resources", r.min_resources);
  r.resource = args::str(a, "resource", r.resource);
  r.max_resources = args::integer(a, "max_resources", r.max_resources);
  return r;
}

void register_tune_commands(Dispatcher& d, Session& s) {
  d.add("tune.space",
        "the search space of a learner with a narrowing applied: {algo, space?, strategy?}; e.g. "
        "{\"algo\":\"svm\",\"space\":{\"kernel\":[\"rbf\"],\"C\":{\"min\":0.1,\"max\":10}}}",
        [](const json& a) {
          const std::string algo = args::str(a, "algo", "hist_gbdt");
          const bool trees_resource = args::str(a, "strategy", "random") == "halving" &&
                                      args::str(a, "resource", "auto") != "rows";
          std::string drop;
          for (const auto& p : param_specs_for(algo))
            if (trees_resource && p.name == "n_estimators") drop = p.name;
          return json{{"algo", algo}, {"space", search_space_for(algo, a.value("space", json::object()), drop).to_json()}};
        });
  d.add("tune.run",
        "search a learner's parameters by k-fold CV on the training rows and refit the best on all of them: "
        "{algo, strategy: grid|random|halving, cv, trials, budget_s, threads, space, metric, seed, refit?, include_split?}; logs a "
        "parent run, a child run per trial and the refit run. Runs to the end before it replies (CLI, tests); the tab "
        "needs a paced runner first",
        [&s](const json& a) {
          if (!s.dataset()) throw std::invalid_argument("no dataset loaded; generate or import one first (data.generate)");
          TuneRequest req = read_tune_request(a, s);
          TuneControl control;
          control.now_s = search_clock_seconds;
          const TuneResult r = run_tune(s.dataset()->table, req, control);
          SearchOutcomeOptions options;
          options.run_name = args::str(a, "run_name", "");
          options.refit = !a.contains("refit") || (a["refit"].is_boolean() && a["refit"].get<bool>());
          options.include_split = a.value("include_split", false);
          json j = finish_search(s, req, r, options);
          return j;
        });
}

}  // namespace lab
