#include "commands/search_outcome.hpp"

#include "commands/tune_tracking.hpp"
#include "core/tune/worker_pool.hpp"

namespace lab {

using nlohmann::json;

namespace {

json summary_json(const TuneResult& r, const TuneRuns& runs) {
  json j = {{"parent_run_id", runs.parent}, {"child_run_ids", runs.children}, {"strategy", r.strategy},
            {"metric", r.metric.name},      {"greater_is_better", r.metric.greater_is_better},
            {"stopped_by", r.stopped_by},   {"threads_used", r.threads_used}, {"trials", r.trials.size()},
            {"search_seconds", r.search_seconds},
            {"training_rows", r.training_rows}, {"test_rows", r.test_rows}, {"space", r.space},
            {"leaderboard", r.leaderboard_json()}};
  if (!r.note.empty()) j["note"] = r.note;
  if (!r.resource.empty()) {
    j["resource"] = r.resource;
    json rungs = json::array();
    for (const auto& g : r.rungs) rungs.push_back({{"resources", g.resources}, {"candidates", g.candidates}});
    j["rungs"] = rungs;
  }
  if (r.has_best())
    j["best"] = {{"trial", r.best().trial}, {"params", r.best().params}, {"mean", r.best().mean}, {"std", r.best().std}};
  if (!threads_available()) j["threads_note"] = "this build has no threads; trials ran one at a time";
  return j;
}

}  // namespace

json finish_search(Session& s, const TuneRequest& logged_as, const TuneResult& r, const SearchOutcomeOptions& options) {
  const TuneRuns runs = log_tune(s, logged_as, r, options.run_name);
  json j = summary_json(r, runs);
  if (options.include_split) j["split"] = {{"train_rows", r.training_row_ids}, {"test_rows", r.test_row_ids}};
  std::string refit_id;
  std::vector<std::pair<std::string, double>> test_metrics;
  if (options.refit && r.has_best()) {
    s.start_training(r.best_train_request(), "best of " + (logged_as.strategy == "automl" ? std::string("automl") : "tune") +
                                                 ": trial " + std::to_string(r.best().trial) + " (" + r.best().algo + ")");
    s.runner().run_to_end();
    const TrainProgress& t = s.training();
    refit_id = t.run_id;
    j["refit_run_id"] = refit_id;
    j["refit_state"] = to_string(t.state);
    if (t.result) {
      test_metrics = t.result->metrics;
      for (const auto& [name, value] : test_metrics) j["test_metrics"][name] = value;
    }
    if (!t.error.empty()) j["refit_error"] = t.error;
  } else if (!r.has_best()) {
    j["note"] = "no trial finished, so nothing was refit; see the leaderboard's errors";
  }
  finish_tune_parent(s, runs, r, refit_id, test_metrics);
  return j;
}

}  // namespace lab
