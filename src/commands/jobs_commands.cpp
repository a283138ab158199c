#include <memory>

#include "commands/command_areas.hpp"
#include "commands/jobs/job_hub.hpp"
#include "commands/json_args.hpp"

namespace lab {

using nlohmann::json;

namespace {

json runs_json(const std::vector<JobRun>& runs, const std::string& job_id) {
  json out = json::array();
  for (const auto& r : runs)
    if (job_id.empty() || r.job_id == job_id) out.push_back(r.to_json());
  return out;
}

json waiting_json(const std::vector<JobRun>& runs) {
  json out = json::array();
  for (const auto& r : runs)
    if (r.status == "waiting") out.push_back(r.id);
  return out;
}

bool flag(const json& a, const char* key) {
  if (!a.contains(key) || a[key].is_null()) return false;
  if (!a[key].is_boolean()) throw std::invalid_argument(std::string("field '") + key + "' must be true or false, got " + a[key].dump());
  return a[key].get<bool>();
}

}  // namespace

void register_jobs_commands(Dispatcher& d, Session& s) {
  auto hub = std::make_shared<JobHub>(s, d);
  d.add("jobs.create",
        "a job made of the lab's commands: {kind: retrain|commands, name?, endpoint, trigger?: {kind: manual|alert|schedule|after, "
        "rule_id? (alert), every_days? (schedule, on the endpoint's simulated clock), job? (after)}; retrain: window_days (7), "
        "reference_share (0.2), margin (0.02), auto_promote (false); commands: [{cmd, ...}, ...]}",
        [hub](const json& a) { return json{{"job", hub->create(a).to_json()}}; });
  d.add("jobs.list", "the jobs, their triggers and their last run", [hub](const json&) {
    json out = json::array();
    for (const auto& j : hub->jobs()) {
      json x = j.to_json();
      for (const auto& r : hub->runs())
        if (r.job_id == j.id) x["last_run"] = {{"id", r.id}, {"status", r.status}, {"outcome", r.outcome}};
      out.push_back(x);
    }
    return json{{"jobs", out}, {"waiting", waiting_json(hub->runs())}};
  });
  d.add("jobs.remove", "removes a job; its runs stay in the history: {job}", [hub](const json& a) {
    hub->remove(args::required_str(a, "job"));
    return json{{"removed", a["job"]}};
  });
  d.add("jobs.run",
        "runs a job now (by hand): {job, wait?: true (run it to the end here, training included: CLI, tests)}; the app runs it "
        "a step per frame",
        [hub](const json& a) {
          const bool wait = flag(a, "wait");
          JobRun r = hub->start(args::required_str(a, "job"), "by hand");
          if (wait) hub->run_until_idle();
          return json{{"run", hub->run(r.id).to_json()}};
        });
  d.add("jobs.approve", "promotes the challenger of a job run waiting for approval: {run?} (the only waiting run when omitted)",
        [hub](const json& a) { return json{{"run", hub->decide(args::str(a, "run", ""), true).to_json()}}; });
  d.add("jobs.reject", "keeps the champion of a job run waiting for approval: {run?}",
        [hub](const json& a) { return json{{"run", hub->decide(args::str(a, "run", ""), false).to_json()}}; });
  d.add("jobs.history", "every job run, oldest first, with status, start/end, log, runs and versions: {job?}", [hub](const json& a) {
    const std::string job = args::str(a, "job", "");
    return json{{"runs", runs_json(hub->runs(), job)}, {"waiting", waiting_json(hub->runs())}};
  });
  d.add("jobs.get", "one job run: {run}", [hub](const json& a) { return json{{"run", hub->run(args::required_str(a, "run")).to_json()}}; });
  d.add("jobs.frame", "one frame's share of the jobs (the app calls it every frame): triggers, then one step of the active run",
        [hub](const json&) { return json{{"active", hub->frame()}}; });
  d.add("jobs.wait", "checks the triggers and runs every queued job to the end here, training included (CLI, tests)",
        [hub](const json&) {
          int steps = hub->run_until_idle();
          return json{{"steps", steps}, {"runs", runs_json(hub->runs(), "")}, {"waiting", waiting_json(hub->runs())}};
        });
}

}  // namespace lab
