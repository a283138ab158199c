#include "core/jobs/job_model.hpp"

#include <cmath>
#include <stdexcept>

#include "core/math/short_number.hpp"

namespace lab {

using nlohmann::json;

namespace {

std::string str_field(const json& j, const char* key, const std::string& fallback) {
  if (!j.contains(key) || j[key].is_null()) return fallback;
  if (!j[key].is_string()) throw std::invalid_argument(std::string("field '") + key + "' must be a string, got " + j[key].dump());
  return j[key].get<std::string>();
}

double num_field(const json& j, const char* key, double fallback) {
  if (!j.contains(key) || j[key].is_null()) return fallback;
  if (!j[key].is_number()) throw std::invalid_argument(std::string("field '") + key + "' must be a number, got " + j[key].dump());
  return j[key].get<double>();
}

}  // namespace

std::string JobTrigger::describe() const {
  if (kind == "alert") return "when " + rule_id + " fires";
  if (kind == "schedule") return "every " + std::to_string(every_days) + (every_days == 1 ? " day" : " days");
  if (kind == "after") return "after " + after_job + " succeeds";
  return "by hand";
}

json JobTrigger::to_json() const {
  json j = {{"kind", kind}, {"description", describe()}};
  if (kind == "alert") j["rule_id"] = rule_id;
  if (kind == "schedule") j["every_days"] = every_days;
  if (kind == "after") j["job"] = after_job;
  return j;
}

JobTrigger JobTrigger::from_json(const json& j) {
  JobTrigger t;
  if (j.is_null()) return t;
  if (j.is_string()) {  // "manual" as a shorthand
    t.kind = j.get<std::string>();
    if (t.kind != "manual") throw std::invalid_argument("field 'trigger' must be {kind: manual|alert|schedule|after, ...}");
    return t;
  }
  if (!j.is_object()) throw std::invalid_argument("field 'trigger' must be an object like {kind: 'alert', rule_id: 'rule-1'}");
  t.kind = str_field(j, "kind", "manual");
  if (t.kind == "alert") {
    t.rule_id = str_field(j, "rule_id", "");
    if (t.rule_id.empty()) throw std::invalid_argument("an alert trigger needs rule_id: the endpoint's rule (monitor.rules lists them)");
  } else if (t.kind == "schedule") {
    double d = num_field(j, "every_days", 0);
    if (!(d >= 1 && d <= 365) || d != std::floor(d))
      throw std::invalid_argument("a schedule trigger needs every_days: a whole number of days from 1 to 365");
    t.every_days = int(d);
  } else if (t.kind == "after") {
    t.after_job = str_field(j, "job", "");
    if (t.after_job.empty()) throw std::invalid_argument("an after trigger needs job: the id of the job it follows");
  } else if (t.kind != "manual") {
    throw std::invalid_argument("unknown trigger kind '" + t.kind + "'; choose manual, alert, schedule or after");
  }
  return t;
}

json JobSpec::to_json() const {
  json j = {{"id", id}, {"name", name}, {"kind", kind}, {"endpoint", endpoint}, {"trigger", trigger.to_json()},
            {"seen_alerts", seen_alerts}, {"last_scheduled_day", last_scheduled_day}};
  if (kind == "retrain") {
    j["window_days"] = window_days;
    j["reference_share"] = reference_share;
    j["margin"] = margin;
    j["auto_promote"] = auto_promote;
  } else {
    j["commands"] = commands;
  }
  return j;
}

JobSpec JobSpec::from_json(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("a job must be an object like {kind: 'retrain', endpoint: 'loan-api'}");
  JobSpec s;
  s.kind = str_field(j, "kind", "retrain");
  if (s.kind != "retrain" && s.kind != "commands")
    throw std::invalid_argument("unknown job kind '" + s.kind + "'; choose retrain or commands");
  s.endpoint = str_field(j, "endpoint", "");
  s.name = str_field(j, "name", "");
  s.trigger = JobTrigger::from_json(j.contains("trigger") ? j["trigger"] : json());
  if ((s.kind == "retrain" || s.trigger.kind == "alert" || s.trigger.kind == "schedule") && s.endpoint.empty())
    throw std::invalid_argument("field 'endpoint' is required: the deployed endpoint the job watches (serve.list names them)");
  if (s.kind == "retrain") {
    double w = num_field(j, "window_days", s.window_days);
    if (!(w >= 1 && w <= 365) || w != std::floor(w)) throw std::invalid_argument("field 'window_days' must be a whole number from 1 to 365");
    s.window_days = int(w);
    s.reference_share = num_field(j, "reference_share", s.reference_share);
    if (!(s.reference_share >= 0 && s.reference_share <= 10))
      throw std::invalid_argument("field 'reference_share' must be between 0 and 10 (reference rows per recent labelled row)");
    s.margin = num_field(j, "margin", s.margin);
    if (!(s.margin >= 0 && s.margin < 1)) throw std::invalid_argument("field 'margin' must be between 0 and 1 (accuracy)");
    if (j.contains("auto_promote")) {
      if (!j["auto_promote"].is_boolean()) throw std::invalid_argument("field 'auto_promote' must be true or false");
      s.auto_promote = j["auto_promote"].get<bool>();
    }
    if (s.name.empty()) s.name = "Retrain " + s.endpoint;
  } else {
    if (!j.contains("commands") || !j["commands"].is_array() || j["commands"].empty())
      throw std::invalid_argument("a commands job needs commands: a list of lab commands such as [{cmd: 'monitor.simulate', ...}]");
    for (const auto& c : j["commands"]) {
      if (!c.is_object() || !c.contains("cmd") || !c["cmd"].is_string())
        throw std::invalid_argument("each of the job's commands must be an object with \"cmd\", got " + c.dump());
      if (c["cmd"].get<std::string>().rfind("jobs.", 0) == 0)
        throw std::invalid_argument("a job cannot run jobs.* commands; make it depend on the other job instead (trigger after)");
    }
    s.commands = j["commands"];
    if (s.name.empty()) s.name = "Commands";
  }
  return s;
}

json JobRun::to_json() const {
  json lines = json::array();
  for (const auto& l : log) lines.push_back({{"time_ms", l.time_ms}, {"text", l.text}});
  return {{"id", id},         {"job_id", job_id},           {"job_name", job_name},   {"status", status},
          {"trigger", trigger}, {"outcome", outcome},      {"start_ms", start_ms},   {"end_ms", end_ms},
          {"sim_start_ms", sim_start_ms}, {"sim_end_ms", sim_end_ms}, {"sim_start_day", sim_start_day},
          {"sim_end_day", sim_end_day}, {"step", step}, {"log", lines},
          {"run_ids", run_ids}, {"versions", versions},   {"comparison", comparison}};
}

JobRun JobRun::from_json(const json& j) {
  JobRun r;
  r.id = j.value("id", "");
  r.job_id = j.value("job_id", "");
  r.job_name = j.value("job_name", "");
  r.status = j.value("status", "failed");
  r.trigger = j.value("trigger", "");
  r.outcome = j.value("outcome", "");
  r.start_ms = j.value("start_ms", int64_t(0));
  r.end_ms = j.value("end_ms", int64_t(0));
  r.sim_start_ms = j.value("sim_start_ms", int64_t(0));
  r.sim_end_ms = j.value("sim_end_ms", int64_t(0));
  r.sim_start_day = j.value("sim_start_day", 0);
  r.sim_end_day = j.value("sim_end_day", 0);
  r.step = j.value("step", 0);
  for (const auto& l : j.value("log", json::array())) r.log.push_back({l.value("time_ms", int64_t(0)), l.value("text", "")});
  r.run_ids = j.value("run_ids", std::vector<std::string>{});
  r.versions = j.value("versions", json::array());
  r.comparison = j.value("comparison", json::object());
  return r;
}

RetrainDecision decide_retrain(double champion_accuracy, double challenger_accuracy, size_t rows, double margin,
                               bool gates_passed, const std::string& gate_failures, bool auto_promote) {
  const std::string on = " on " + std::to_string(rows) + " recent labelled requests it never trained on";
  if (!gates_passed) return {"keep", "the challenger failed the promotion gates: " + gate_failures};
  if (challenger_accuracy < champion_accuracy + margin)
    return {"keep", "the challenger's accuracy " + short_number(challenger_accuracy) + " is not above the champion's " +
                        short_number(champion_accuracy) + " by the margin " + short_number(margin) + on};
  const std::string better = "the challenger's accuracy " + short_number(challenger_accuracy) + " beats the champion's " +
                             short_number(champion_accuracy) + " by more than " + short_number(margin) + on +
                             ", and it passed the gates";
  return {auto_promote ? "promote" : "wait", better};
}

bool schedule_due(const JobTrigger& t, int last_scheduled_day, int log_last_day) {
  return t.kind == "schedule" && t.every_days > 0 && log_last_day >= last_scheduled_day + t.every_days;
}

}  // namespace lab
