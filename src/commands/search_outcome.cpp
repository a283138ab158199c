#include "commands/search_outcome.hpp"

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

SearchOutcome begin_search_outcome(Session& s, const TuneRequest& logged_as, const TuneResult& r,
                                   const SearchOutcomeOptions& options) {
  SearchOutcome o;
  o.runs = log_tune(s, logged_as, r, options.run_name, options.started);
  o.reply = summary_json(r, o.runs);
  if (options.include_split) o.reply["split"] = {{"train_rows", r.training_row_ids}, {"test_rows", r.test_row_ids}};
  if (options.refit && r.has_best()) {
    s.start_training(r.best_train_request(), "best of " + (logged_as.strategy == "automl" ? std::string("automl") : "tune") +
                                                 ": trial " + std::to_string(r.best().trial) + " (" + r.best().algo + ")");
    o.refitting = true;
  } else if (!r.has_best()) {
    o.reply["note"] = "no trial finished, so nothing was refit; see the leaderboard's errors";
  }
  return o;
}

json end_search_outcome(Session& s, SearchOutcome& o, const TuneResult& r) {
  json& j = o.reply;
  std::string refit_id;
  std::vector<std::pair<std::string, double>> test_metrics;
  if (o.refitting) {
    const TrainProgress& t = s.training();
    refit_id = t.run_id;
    j["refit_run_id"] = refit_id;
    j["refit_state"] = to_string(t.state);
    if (t.result) {
      test_metrics = t.result->metrics;
      for (const auto& [name, value] : test_metrics) j["test_metrics"][name] = value;
    }
    if (!t.error.empty()) j["refit_error"] = t.error;
  }
  finish_tune_parent(s, o.runs, r, refit_id, test_metrics);
  return j;
}

json finish_search(Session& s, const TuneRequest& logged_as, const TuneResult& r, const SearchOutcomeOptions& options) {
  SearchOutcome o = begin_search_outcome(s, logged_as, r, options);
  if (o.refitting) s.runner().run_to_end();
  return end_search_outcome(s, o, r);
}

}  // namespace lab
