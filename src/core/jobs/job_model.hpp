#pragma once
// Jobs: work the lab does by itself, made of its own commands, and the record of each time it ran.
//   retrain   the champion's recipe (learner, params, feature spec) trained again on a sample of
//             its reference data plus the endpoint's recent labelled requests, evaluated, registered
//             as @challenger, compared with the champion on recent requests it never trained on,
//             checked by the promotion gates, then promoted when better by a margin (or held for
//             approval);
//   commands  a list of lab commands run in order (e.g. monitor.simulate to bring in a new week).
// A job starts on a trigger: by hand, an alert rule of its endpoint firing, a schedule on the
// simulated clock (every N days of the endpoint's log), or another job's run finishing well.
// Pure data and decisions; the commands layer (commands/jobs/) runs them and stores them.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace lab {

struct JobTrigger {
  std::string kind = "manual";  // manual | alert | schedule | after
  std::string rule_id;          // alert: the endpoint's rule whose new alerts start the job
  int every_days = 0;           // schedule: days of the endpoint's simulated clock between runs
  std::string after_job;        // after: the job whose successful run starts this one
  std::string describe() const; // "when rule-1 fires", "every 7 days", "after job-1", "by hand"
  nlohmann::json to_json() const;
  static JobTrigger from_json(const nlohmann::json& j);  // checks the shape, names what is wrong
};

struct JobSpec {
  std::string id;    // job-1, job-2, ...
  std::string name;  // for people
  std::string kind = "retrain";  // retrain | commands
  std::string endpoint;          // retrain, alert and schedule triggers: the endpoint watched
  JobTrigger trigger;
  // retrain
  int window_days = 7;            // the recent labelled requests: the last N days of the log
  double reference_share = 0.2;   // reference rows, as a share of the recent labelled rows
  double margin = 0.02;           // accuracy the challenger must gain on the recent rows
  bool auto_promote = false;      // promote without approval when every check passes
  // commands
  nlohmann::json commands = nlohmann::json::array();
  // Trigger state (kept with the job): alerts already seen, the day of the last scheduled run.
  std::vector<std::string> seen_alerts;
  int last_scheduled_day = 0;

  nlohmann::json to_json() const;
  // Fields people set (name, kind, endpoint, trigger, options); checks each and names what is
  // wrong. Ids and trigger state come from the store, not from here.
  static JobSpec from_json(const nlohmann::json& j);
};

// One entry of a run's log: when (the wall clock) and what happened, in a sentence.
struct JobLogLine {
  int64_t time_ms = 0;
  std::string text;
};

struct JobRun {
  std::string id;      // "<job id>#<n>", e.g. job-1#2
  std::string job_id, job_name;
  std::string status = "queued";  // queued | running | waiting | done | failed | cancelled
  std::string trigger;            // what started it, in words
  std::string outcome;            // the end in a sentence ("promoted loan v2", "kept the champion ...")
  int64_t start_ms = 0, end_ms = 0;          // wall clock
  int64_t sim_start_ms = 0, sim_end_ms = 0;  // the endpoint's simulated clock (0: no endpoint)
  int sim_start_day = 0, sim_end_day = 0;    // the same as the log's day numbers (monitor.windows)
  int step = 0;                              // the next step to do (the runner's bookmark)
  std::vector<JobLogLine> log;
  std::vector<std::string> run_ids;  // tracking runs it produced
  nlohmann::json versions = nlohmann::json::array();  // [{model, version}] it registered
  nlohmann::json comparison = nlohmann::json::object();  // champion vs challenger on recent rows
  bool finished() const { return status == "done" || status == "failed" || status == "cancelled"; }
  nlohmann::json to_json() const;
  static JobRun from_json(const nlohmann::json& j);
};

// The retrain job's decision once the challenger is measured. `gates_passed`: the promotion
// gates' verdict. Returns promote | wait (for approval) | keep (the champion stays).
struct RetrainDecision {
  std::string action;  // promote | wait | keep
  std::string reason;  // one sentence
};
RetrainDecision decide_retrain(double champion_accuracy, double challenger_accuracy, size_t rows, double margin,
                               bool gates_passed, const std::string& gate_failures, bool auto_promote);

// Whether a schedule trigger is due: the log's last day reached the last run's day + N.
bool schedule_due(const JobTrigger& t, int last_scheduled_day, int log_last_day);

}  // namespace lab
