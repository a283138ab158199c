#pragma once
// Runs the lab's jobs (core/jobs/job_model.hpp) and keeps them: the job list and every run's
// record (status, start/end on the wall and the simulated clock, log, the tracking runs and model
// versions it produced) in "<store>-jobs/" beside the tracking store, so they survive reloads.
// A run is a sequence of small steps, one per frame: the retraining itself goes through the
// session's training job, paced by the TrainRunner like any run, while the job waits for it.
// The steps issue the lab's own commands (registry.register, registry.set_alias, monitor.alerts,
// or a commands job's list) through the dispatcher.
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands/jobs/retrain_data.hpp"
#include "commands/monitor_hub.hpp"
#include "core/jobs/job_model.hpp"

namespace lab {

class Dispatcher;
class Session;

class JobHub {
 public:
  JobHub(Session& s, Dispatcher& d);

  const std::vector<JobSpec>& jobs();
  const std::vector<JobRun>& runs();  // every run, oldest first
  // Checks what a person could get wrong (the endpoint, the rule, the job followed) and stores it.
  JobSpec create(const nlohmann::json& spec);
  void remove(const std::string& job_id);
  // Queues a run of the job (by hand). Throws for an unknown job or one already running.
  JobRun start(const std::string& job_id, const std::string& trigger);
  // The decision on a run waiting for approval ("" = the only one waiting).
  JobRun decide(const std::string& run_id, bool approve);
  const JobRun& run(const std::string& run_id);

  // One frame's share: the triggers (when the store changed) and one step of the active run.
  // Returns whether a run is active.
  bool frame();
  // Everything queued, run to the end with training unpaced (CLI, tests). Returns steps done.
  int run_until_idle();

 private:
  const JobSpec& job(const std::string& id);
  JobRun& active();
  JobRun* find_active();
  void load();
  void save_jobs();
  void save_runs();
  void check_triggers();
  JobRun& queue(const JobSpec& j, const std::string& trigger, int64_t sim_ms);
  bool step();  // one step of the active run; false when there is nothing to do now
  void step_retrain(JobRun& r, const JobSpec& j);
  void step_commands(JobRun& r, const JobSpec& j);
  void finish(JobRun& r, const std::string& status, const std::string& outcome);
  void say(JobRun& r, const std::string& text);
  int64_t sim_now(const std::string& endpoint);
  int day_of(const std::string& endpoint, int64_t sim_ms);  // the log's day number a time ends
  int last_day(const std::string& endpoint);
  std::string model_of(const std::string& endpoint);
  int champion_of(const std::string& model, const std::string& endpoint);

  Session& s_;
  Dispatcher& d_;
  MonitorHub hub_;
  bool loaded_ = false;
  int next_id_ = 1;
  std::vector<JobSpec> jobs_;
  std::vector<JobRun> runs_;
  uint64_t checked_version_ = 0;  // the store version the triggers were last checked at
  // The active retrain run's data and what it measured, between its steps (not persisted: a
  // reload during a run ends it, see load()).
  std::optional<RetrainData> data_;
  TrainRequest req_;
  std::string train_run_, model_;
  int champion_ = 0, challenger_ = 0;
};

}  // namespace lab
