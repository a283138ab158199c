// automl.run: a baseline, then every learner for the task sharing one successive-halving budget
// (core/tune/automl_job.hpp); logged and refit like a tune (commands/search_outcome.hpp), plus
// the winner's recipe: the command list that replays its run bit for bit (commands/recipe.hpp).
#include <chrono>

#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"
#include "commands/recipe.hpp"
#include "commands/search_outcome.hpp"
#include "commands/search_requests.hpp"
#include "core/tune/automl_job.hpp"

namespace lab {

using nlohmann::json;

AutomlRequest read_automl_request(const json& a, const Session& s) {
  AutomlRequest r;
  if (a.contains("algos")) {
    if (!a["algos"].is_array()) throw std::invalid_argument("field 'algos' must be a list of learner names");
    for (const auto& v : a["algos"]) {
      if (!v.is_string()) throw std::invalid_argument("field 'algos' must be a list of learner names, got " + v.dump());
      r.algos.push_back(v.get<std::string>());
    }
  }
  r.candidates_per_learner = int(args::integer(a, "candidates_per_learner", r.candidates_per_learner));
  r.cv = int(args::integer(a, "cv", r.cv));
  read_search_basics(a, s, r);
  return r;
}

namespace {

// Registers the refit winner as a new version of `model` with the alias challenger (the issue's
// "optionally registered"). A refusal (e.g. the model's versions have another target) fails the
// command with the reason, but every run already logged stays.
void register_winner(Session& s, const std::string& model, json& j) {
  if (!j.contains("refit_run_id") || j.value("refit_state", "") != "done") {
    j["ok"] = false;
    j["error"] = "the AutoML winner was not refit, so there is nothing to register as '" + model + "'";
    return;
  }
  try {
    const int version = s.models().register_run(model, j["refit_run_id"].get<std::string>(), s.user());
    s.models().set_alias(model, "challenger", version, "AutoML winner (parent run " + j["parent_run_id"].get<std::string>() + ")");
    j["registered"] = {{"model", model}, {"version", version}, {"alias", "challenger"}};
  } catch (const std::exception& e) {
    j["ok"] = false;
    j["error"] = "AutoML finished and its runs are kept, but registering the winner as '" + model + "' failed: " + e.what();
  }
}

}  // namespace

TuneRequest automl_logged_as(const AutomlRequest& a, const TuneResult& r) {
  TuneRequest t;
  t.algo = "automl";
  t.strategy = "automl";
  t.cv = a.cv;
  t.trials = int64_t(r.rungs.empty() ? 0 : r.rungs.front().candidates);
  t.budget_s = a.budget_s;
  t.threads = a.threads;
  t.seed = a.seed;
  t.test_fraction = a.test_fraction;
  t.factor = a.factor;
  return t;
}

json automl_data_checks(const Session& s) {
  json checks = json::array();
  for (const auto& q : s.quality())
    if (q.status != CheckStatus::Pass)
      checks.push_back({{"check", q.check}, {"column", q.column}, {"status", to_string(q.status)}, {"message", q.message}});
  return checks;
}

void finish_automl_reply(Session& s, const TuneResult& r, const std::string& register_as, json& j) {
  if (r.has_best()) {
    j["recipe"] = recipe_for(s, r.best_train_request(), "automl winner: " + r.best().algo);
    if (j.contains("refit_run_id"))
      s.store().write_artifact(j["refit_run_id"].get<std::string>(), "recipe.json", j["recipe"].dump(2));
  }
  if (!register_as.empty()) register_winner(s, register_as, j);
}

void register_automl_commands(Dispatcher& d, Session& s) {
  d.add("automl.run",
        "a baseline, then every learner for the task sharing one successive-halving budget, scored by k-fold CV on "
        "the training rows; the winner refit on all of them, with its recipe (a command list `lab run` replays): "
        "{metric, budget_s, threads, cv, seed, algos?, candidates_per_learner?, register_as?: a model name (the winner "
        "becomes its new version, alias challenger)}. Runs to the end before it replies",
        [&s](const json& a) {
          if (!s.dataset()) throw std::invalid_argument("no dataset loaded; generate or import one first (data.generate)");
          const AutomlRequest req = read_automl_request(a, s);
          // The data checks come first: what the quality checklist warns about or fails is in the reply
          // (an unusable target is refused by run_automl, with the reason).
          const json checks = automl_data_checks(s);
          TuneControl control;
          control.now_s = search_clock_seconds;
          const TuneResult r = run_automl(s.dataset()->table, req, control);
          SearchOutcomeOptions options;
          options.run_name = args::str(a, "run_name", "");
          options.include_split = a.value("include_split", false);
          json j = finish_search(s, automl_logged_as(req, r), r, options);
          j["data_checks"] = checks;
          finish_automl_reply(s, r, args::str(a, "register_as", ""), j);
          return j;
        });
}

}  // namespace lab
