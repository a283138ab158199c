#include "commands/interrupted_runs.hpp"

#include <algorithm>

#include "commands/session.hpp"

namespace lab {

namespace {

const char* kSearchNote =
    "This search was interrupted: the page was reloaded or closed before it ended. The trials that ended are "
    "kept as its child runs; nothing was refit. The lab ended it as KILLED when it started again.";
const char* kTrainingNote =
    "This run was interrupted: the page was reloaded or closed while it trained. What it logged until then is "
    "kept; the lab ended it as KILLED when it started again.";

int64_t last_logged(const Run& run) {
  int64_t last = run.info.start_time;
  for (const auto& [key, points] : run.metrics)
    for (const MetricPoint& p : points) last = std::max(last, p.timestamp);
  return last;
}

}  // namespace

std::vector<std::string> end_interrupted_runs(Session& s) {
  FileStore& store = s.store();
  auto group = store.group_writes();
  std::vector<std::string> ended;
  for (const Experiment& e : store.list_experiments(ViewType::ActiveOnly))
    for (const RunInfo& info : store.list_runs(e.experiment_id)) {
      if (info.status != RunStatus::Running) continue;
      const Run run = store.get_run(info.run_id);
      const auto role = run.tags.find("lab.tune.role");
      if (role != run.tags.end() && role->second == "parent") {
        store.set_note(info.run_id, kSearchNote);  // replaces the "still running, or interrupted" note
      } else {
        const auto note = run.tags.find(kTagNote);
        const std::string before = note == run.tags.end() ? "" : note->second;
        store.set_note(info.run_id, before.empty() ? kTrainingNote : before + "\n\n" + kTrainingNote);
      }
      store.end_run(info.run_id, RunStatus::Killed, last_logged(run));
      ended.push_back(info.run_id);
    }
  return ended;
}

}  // namespace lab
