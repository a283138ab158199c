#include "commands/tune_tracking.hpp"

#include <cmath>

namespace lab {

using nlohmann::json;

namespace {

std::string text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

void add_finite(LogBatch& b, const std::string& key, double value, int64_t now, int64_t step = 0) {
  if (std::isfinite(value)) b.metrics.push_back({key, value, now, step});
}

const char* kInterruptedNote =
    "This search is still running, or it was interrupted (the page was reloaded or closed) before it ended: "
    "the trials that ended are kept as its child runs; nothing was refit.";

void log_child(Session& s, const std::string& id, const std::string& parent, const std::string& metric, uint64_t seed,
               int cv, const TrialResult& t) {
  FileStore& store = s.store();
  store.create_run(s.experiment_id(), id, "trial " + std::to_string(t.trial), s.user());
  const int64_t now = store.now_ms();
  LogBatch b;
  for (auto it = t.params.begin(); it != t.params.end(); ++it) b.params.push_back({it.key(), text(it.value())});
  b.params.push_back({"algo", t.algo});
  b.params.push_back({"seed", std::to_string(seed)});
  b.params.push_back({"cv", std::to_string(cv)});
  b.tags = {{"mlflow.parentRunId", parent},
            {kTagSourceName, "mlops-lab"},
            {kTagSourceType, "LOCAL"},
            {"lab.tune.trial", std::to_string(t.trial)},
            {"lab.tune.rung", std::to_string(t.rung)},
            {"lab.tune.resources", std::to_string(t.resources)},
            {"lab.tune.status", t.status}};
  const std::string m = "cv_" + metric;
  if (t.status == "finished") {
    for (size_t f = 0; f < t.fold_scores.size(); ++f) add_finite(b, m + "_fold", t.fold_scores[f], now, int64_t(f));
    add_finite(b, m + "_mean", t.mean, now);
    add_finite(b, m + "_std", t.std, now);
  }
  add_finite(b, "fit_time_s", t.fit_seconds, now);
  store.log_batch(id, b);
  if (t.status != "finished") store.set_note(id, "This trial failed: " + t.error);
  store.end_run(id, t.status == "finished" ? RunStatus::Finished : RunStatus::Failed);
}

}  // namespace

std::string search_run_name(const std::string& given, bool automl, const std::string& algo) {
  if (!given.empty()) return given;
  return automl ? "automl" : "tune " + algo;
}

TuneRuns start_tune_parent(Session& s, const std::string& run_name) {
  FileStore& store = s.store();
  auto group = store.group_writes();
  TuneRuns runs;
  runs.parent = s.new_run_id();
  store.create_run(s.experiment_id(), runs.parent, run_name, s.user());
  LogBatch b;
  b.tags = {{kTagSourceName, "mlops-lab"}, {kTagSourceType, "LOCAL"}, {"lab.tune.role", "parent"}};
  store.log_batch(runs.parent, b);
  store.set_note(runs.parent, kInterruptedNote);
  return runs;
}

void log_tune_trial(Session& s, TuneRuns& runs, const std::string& metric, uint64_t seed, int cv, const TrialResult& t) {
  if (runs.trial_runs.count(t.trial)) return;
  auto group = s.store().group_writes();
  const std::string id = s.new_run_id();
  log_child(s, id, runs.parent, metric, seed, cv, t);
  runs.trial_runs[t.trial] = id;
  // The search's own clock: its last point says when the last trial ended (an interrupted search
  // ends at that time, commands/interrupted_runs.hpp).
  const auto ended = int64_t(runs.trial_runs.size());
  s.store().log_metric(runs.parent, "trials_ended", double(ended), ended);
}

TuneRuns log_tune(Session& s, const TuneRequest& req, const TuneResult& r, const std::string& run_name, const TuneRuns* started) {
  FileStore& store = s.store();
  auto group = store.group_writes();
  TuneRuns runs;
  if (started) {
    runs = *started;  // named when it started (search_run_name)
    store.set_note(runs.parent, "");
  } else {
    runs.parent = s.new_run_id();
    store.create_run(s.experiment_id(), runs.parent, search_run_name(run_name, req.strategy == "automl", req.algo), s.user());
  }
  LogBatch b;
  b.params = {{"algo", req.algo},
              {"strategy", req.strategy},
              {"cv", std::to_string(req.cv)},
              {"metric", r.metric.name},
              {"trials", std::to_string(req.trials)},
              {"budget_s", json(req.budget_s).dump()},
              {"threads", std::to_string(req.threads)},
              {"seed", std::to_string(req.seed)},
              {"test_fraction", json(req.test_fraction).dump()}};
  if (req.strategy == "halving" || req.strategy == "automl") {
    b.params.push_back({"factor", std::to_string(req.factor)});
    b.params.push_back({"resource", r.resource});
    b.params.push_back({"min_resources", req.min_resources});
  }
  b.tags = {{kTagSourceName, "mlops-lab"},
            {kTagSourceType, "LOCAL"},
            {"lab.tune.role", "parent"},
            {"lab.tune.stopped_by", r.stopped_by},
            {"lab.task", to_string(r.task)}};
  if (const auto& ds = s.dataset()) {
    b.tags.push_back({"lab.dataset.name", ds->name});
    b.tags.push_back({"lab.dataset.hash", ds->hash});
  }
  const int64_t now = store.now_ms();
  size_t finished = 0;
  for (const auto& t : r.trials) finished += t.status == "finished";
  b.metrics.push_back({"trials_finished", double(finished), now, 0});
  b.metrics.push_back({"trials_failed", double(r.trials.size() - finished), now, 0});
  if (r.has_best()) {
    const TrialResult& best = r.best();
    for (auto it = best.params.begin(); it != best.params.end(); ++it)
      b.params.push_back({"best_" + it.key(), text(it.value())});
    b.tags.push_back({"lab.tune.best_trial", std::to_string(best.trial)});
    b.params.push_back({"best_algo", best.algo});
    add_finite(b, "best_cv_" + r.metric.name + "_mean", best.mean, now);
    add_finite(b, "best_cv_" + r.metric.name + "_std", best.std, now);
  }
  store.log_batch(runs.parent, b);
  store.write_artifact(runs.parent, "leaderboard.json", r.leaderboard_json().dump(1));
  store.write_artifact(runs.parent, "space.json", r.space.dump(1));
  runs.children.clear();
  for (const auto& t : r.trials) {
    log_tune_trial(s, runs, r.metric.name, req.seed, req.cv, t);
    runs.children.push_back(runs.trial_runs[t.trial]);
  }
  return runs;
}

void finish_tune_parent(Session& s, const TuneRuns& runs, const TuneResult& r, const std::string& refit_run_id,
                        const std::vector<std::pair<std::string, double>>& test_metrics) {
  FileStore& store = s.store();
  auto group = store.group_writes();
  if (!refit_run_id.empty()) {
    LogBatch link;
    link.tags = {{"mlflow.parentRunId", runs.parent}, {"lab.tune.role", "refit"}};
    store.log_batch(refit_run_id, link);
    LogBatch parent;
    parent.tags = {{"lab.tune.refit_run_id", refit_run_id}};
    const int64_t now = store.now_ms();
    for (const auto& [name, value] : test_metrics) add_finite(parent, "test_" + name, value, now);
    store.log_batch(runs.parent, parent);
  }
  store.end_run(runs.parent, r.stopped_by == "cancel" ? RunStatus::Killed : RunStatus::Finished);
}

}  // namespace lab
