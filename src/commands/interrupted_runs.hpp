#pragma once
// Runs a page left RUNNING when it was reloaded or closed in the middle of training or of a search
// (nothing resumes them: the work lived in that page). When the tab's lab starts again none of its
// work is running, so they end as KILLED, MLflow's status for a run stopped before its end, with
// a note saying what happened; their end time is their last logged point (a search's parent logs
// trials_ended as each trial ends), not the moment the lab noticed.
// Only the browser's start calls this (runs.end_interrupted): a command-line session shares its
// store with other processes whose runs may really be running.
#include <string>
#include <vector>

namespace lab {

class Session;

// Ends every active run still RUNNING, in every active experiment; returns their ids.
std::vector<std::string> end_interrupted_runs(Session& s);

}  // namespace lab
