#pragma once
// A finished tune in MLflow's model: one parent run (the request, the best params, the best CV
// score, the refit's test metrics, leaderboard.json and space.json as artifacts) and one child run
// per trial (tag mlflow.parentRunId; its params, the CV metric per fold as steps 0..k-1, its
// mean and std, the fit time). MLflow's UI and search (tags.mlflow.parentRunId = '...') nest them.
#include <string>
#include <vector>

#include "commands/session.hpp"
#include "core/tune/tune_job.hpp"

namespace lab {

struct TuneRuns {
  std::string parent;
  std::vector<std::string> children;  // in trial plan order
};

// Creates the parent run and the children in the session's current experiment.
TuneRuns log_tune(Session& s, const TuneRequest& req, const TuneResult& r, const std::string& run_name);

// After the refit run ended: links it to the parent (mlflow.parentRunId, lab.tune.role = refit),
// copies its test metrics to the parent as test_<name>, and ends the parent.
void finish_tune_parent(Session& s, const TuneRuns& runs, const TuneResult& r, const std::string& refit_run_id,
                        const std::vector<std::pair<std::string, double>>& test_metrics);

}  // namespace lab
