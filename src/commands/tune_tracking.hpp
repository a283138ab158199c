#pragma once
// A finished tune in MLflow's model: one parent run (the request, the best params, the best CV
// score, the refit's test metrics, leaderboard.json and space.json as artifacts) and one child run
// per trial (tag mlflow.parentRunId; its params, the CV metric per fold as steps 0..k-1, its
// mean and std, the fit time). MLflow's UI and search (tags.mlflow.parentRunId = '...') nest them.
#include <map>
#include <string>
#include <vector>

#include "commands/session.hpp"
#include "core/tune/tune_job.hpp"

namespace lab {

struct TuneRuns {
  std::string parent;
  std::vector<std::string> children;      // in trial plan order
  std::map<int, std::string> trial_runs;  // trial number -> its child run, for trials logged so far
};

// The tab's search logs as it goes, so a reload or a closed tab in the middle keeps every trial
// that ended: the parent run first (RUNNING, with a note saying what an interrupted one means),
// then a child run per trial as it ends.
TuneRuns start_tune_parent(Session& s, const std::string& run_name);
// The parent's name: the one given, else "automl" or "tune <algo>".
std::string search_run_name(const std::string& given, bool automl, const std::string& algo);
void log_tune_trial(Session& s, TuneRuns& runs, const std::string& metric, uint64_t seed, int cv, const TrialResult& t);

// Logs the finished search: the parent (created here unless `started` holds it) with the request,
// the best params and the leaderboard, and a child per trial not logged yet.
TuneRuns log_tune(Session& s, const TuneRequest& req, const TuneResult& r, const std::string& run_name,
                  const TuneRuns* started = nullptr);

// After the refit run ended: links it to the parent (mlflow.parentRunId, lab.tune.role = refit),
// copies its test metrics to the parent as test_<name>, and ends the parent.
void finish_tune_parent(Session& s, const TuneRuns& runs, const TuneResult& r, const std::string& refit_run_id,
                        const std::vector<std::pair<std::string, double>>& test_metrics);

}  // namespace lab
