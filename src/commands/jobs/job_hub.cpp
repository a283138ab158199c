#include "commands/jobs/job_hub.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "commands/dispatcher.hpp"
#include "commands/model_gates.hpp"
#include "commands/run_request.hpp"
#include "commands/session.hpp"
#include "commands/user_error.hpp"
#include "core/math/short_number.hpp"
#include "core/models/learner_registry.hpp"
#include "io/json_file.hpp"
#include "io/text_file.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace lab {

namespace {

constexpr const char* kJobsFile = "jobs.json";
constexpr const char* kRunsFile = "runs.json";
// Fewer held-out recent rows than this and the comparison uses every recent row (and says so).
constexpr size_t kMinCompareRows = 30;

}  // namespace

JobHub::JobHub(Session& s, Dispatcher& d) : s_(s), d_(d), hub_(s) {}

void JobHub::load() {
  if (loaded_) return;
  loaded_ = true;
  const fs::path dir = s_.store().root().string() + "-jobs";
  json j = read_json_file(dir / kJobsFile);
  if (j.is_object()) {
    next_id_ = j.value("next_id", 1);
    for (const auto& x : j.value("jobs", json::array())) {
      try {
        JobSpec spec = JobSpec::from_json(x);
        spec.id = x.value("id", "");
        spec.seen_alerts = x.value("seen_alerts", std::vector<std::string>{});
        spec.last_scheduled_day = x.value("last_scheduled_day", 0);
        jobs_.push_back(spec);
      } catch (const std::exception&) {
        // A job this version cannot read is left out; the file keeps it until jobs change.
      }
    }
  }
  json r = read_json_file(dir / kRunsFile);
  bool ended = false;
  if (r.is_array())
    for (const auto& x : r) {
      JobRun run = JobRun::from_json(x);
      // A run cut short by a reload cannot go on (its data and training lived in the tab).
      if (run.status == "running") {
        run.status = "failed";
        run.outcome = "the lab was closed or reloaded while the run was under way; run the job again";
        run.log.push_back({s_.store().now_ms(), run.outcome});
        ended = true;
      }
      runs_.push_back(std::move(run));
    }
  if (ended) save_runs();
}

void JobHub::save_jobs() {
  json list = json::array();
  for (const auto& j : jobs_) list.push_back(j.to_json());
  write_text_file(fs::path(s_.store().root().string() + "-jobs") / kJobsFile, json{{"next_id", next_id_}, {"jobs", list}}.dump(1) + "\n");
  s_.serving().notify_written();  // the tab saves it to IndexedDB with the rest
}

void JobHub::save_runs() {
  json list = json::array();
  for (const auto& r : runs_) list.push_back(r.to_json());
  write_text_file(fs::path(s_.store().root().string() + "-jobs") / kRunsFile, list.dump(1) + "\n");
  s_.serving().notify_written();
}

const std::vector<JobSpec>& JobHub::jobs() {
  load();
  return jobs_;
}

const std::vector<JobRun>& JobHub::runs() {
  load();
  return runs_;
}

const JobSpec& JobHub::job(const std::string& id) {
  load();
  for (const auto& j : jobs_)
    if (j.id == id) return j;
  std::string known;
  for (const auto& j : jobs_) known += (known.empty() ? "" : ", ") + j.id + " (" + j.name + ")";
  throw std::invalid_argument("no job '" + id + "'; " + (known.empty() ? "there are no jobs yet: create one with jobs.create" : "the jobs are " + known));
}

const JobRun& JobHub::run(const std::string& run_id) {
  load();
  for (const auto& r : runs_)
    if (r.id == run_id) return r;
  throw std::invalid_argument("no job run '" + run_id + "'; jobs.history lists them");
}

std::string JobHub::model_of(const std::string& endpoint) {
  s_.serving().contract(endpoint);  // says which endpoints exist when this one does not
  const EndpointConfig* c = s_.serving().config(endpoint);
  if (!c) throw std::invalid_argument("no endpoint '" + endpoint + "'");
  return c->model;
}

int JobHub::champion_of(const std::string& model, const std::string& endpoint) {
  const RegisteredModel& m = s_.models().registry().model(model);
  auto it = m.aliases.find("champion");
  if (it != m.aliases.end()) return it->second;
  return s_.serving().health(endpoint).value("version", 0);
}

int JobHub::last_day(const std::string& endpoint) {
  if (endpoint.empty()) return 0;
  try {
    const MonitorHub::LogView& v = hub_.view(endpoint);
    int last = 0;
    for (const auto& r : v.rows) last = std::max(last, int((r.time_ms - v.origin_ms) / MonitorHub::kDayMs) + 1);
    return last;
  } catch (const std::exception&) {
    return 0;
  }
}

int64_t JobHub::sim_now(const std::string& endpoint) {
  const int day = last_day(endpoint);
  if (!day) return 0;
  return hub_.view(endpoint).origin_ms + int64_t(day) * MonitorHub::kDayMs;  // the end of the log's last day
}

int JobHub::day_of(const std::string& endpoint, int64_t sim_ms) {
  if (!sim_ms || !last_day(endpoint)) return 0;
  return int((sim_ms - hub_.view(endpoint).origin_ms + MonitorHub::kDayMs - 1) / MonitorHub::kDayMs);
}

JobSpec JobHub::create(const json& a) {
  load();
  JobSpec j = JobSpec::from_json(a);
  if (!j.endpoint.empty()) model_of(j.endpoint);
  if (j.trigger.kind == "alert") {
    json rules = d_.handle({{"cmd", "monitor.rules"}, {"endpoint", j.endpoint}});
    if (!rules.value("ok", false)) throw std::invalid_argument(rules.value("error", "the endpoint's rules cannot be read"));
    std::string known;
    bool found = false;
    for (const auto& r : rules["rules"]) {
      known += (known.empty() ? "" : ", ") + r.value("id", "") + " (" + r.value("description", "") + ")";
      found = found || r.value("id", "") == j.trigger.rule_id;
    }
    if (!found)
      throw std::invalid_argument("endpoint '" + j.endpoint + "' has no rule '" + j.trigger.rule_id + "'; its rules are " +
                                  (known.empty() ? "none (add one with monitor.rule.add)" : known));
    // Alerts raised before the job existed do not start it; the next episode does.
    json alerts = d_.handle({{"cmd", "monitor.alerts"}, {"endpoint", j.endpoint}});
    for (const auto& x : alerts.value("alerts", json::array()))
      if (x.value("rule_id", "") == j.trigger.rule_id) j.seen_alerts.push_back(x.value("id", ""));
  }
  if (j.trigger.kind == "schedule") j.last_scheduled_day = last_day(j.endpoint);
  if (j.trigger.kind == "after") job(j.trigger.after_job);
  j.id = "job-" + std::to_string(next_id_++);
  jobs_.push_back(j);
  save_jobs();
  return j;
}

void JobHub::remove(const std::string& job_id) {
  job(job_id);
  for (const auto& j : jobs_)
    if (j.trigger.kind == "after" && j.trigger.after_job == job_id)
      throw std::invalid_argument(j.id + " (" + j.name + ") runs after " + job_id + "; remove it or change its trigger first");
  if (JobRun* r = find_active(); r && r->job_id == job_id)
    throw std::invalid_argument(job_id + " is running (" + r->id + "); wait for it to end before removing the job");
  jobs_.erase(std::remove_if(jobs_.begin(), jobs_.end(), [&](const JobSpec& j) { return j.id == job_id; }), jobs_.end());
  save_jobs();  // its runs stay in the history
}

JobRun* JobHub::find_active() {
  for (auto& r : runs_)
    if (r.status == "queued" || r.status == "running") return &r;
  return nullptr;
}

void JobHub::say(JobRun& r, const std::string& text) { r.log.push_back({s_.store().now_ms(), text}); }

JobRun& JobHub::queue(const JobSpec& j, const std::string& trigger, int64_t sim_ms) {
  int n = 1;
  for (const auto& r : runs_) n += r.job_id == j.id ? 1 : 0;
  JobRun r;
  r.id = j.id + "#" + std::to_string(n);
  r.job_id = j.id;
  r.job_name = j.name;
  r.trigger = trigger;
  r.start_ms = s_.store().now_ms();
  r.sim_start_ms = sim_ms ? sim_ms : sim_now(j.endpoint);
  r.sim_start_day = day_of(j.endpoint, r.sim_start_ms);
  say(r, "queued: " + trigger);
  runs_.push_back(std::move(r));
  save_runs();
  return runs_.back();
}

JobRun JobHub::start(const std::string& job_id, const std::string& trigger) {
  const JobSpec& j = job(job_id);
  for (const auto& r : runs_)
    if (r.job_id == job_id && (r.status == "queued" || r.status == "running"))
      throw std::invalid_argument(job_id + " is already " + r.status + " (" + r.id + "); wait for it to end (jobs.history)");
  return queue(j, trigger, 0);
}

void JobHub::check_triggers() {
  load();
  bool changed = false;
  for (size_t i = 0; i < jobs_.size(); ++i) {
    JobSpec& j = jobs_[i];
    bool busy = std::any_of(runs_.begin(), runs_.end(), [&](const JobRun& r) {
      return r.job_id == j.id && (r.status == "queued" || r.status == "running" || r.status == "waiting");
    });
    if (j.trigger.kind == "alert") {
      json reply = d_.handle({{"cmd", "monitor.alerts"}, {"endpoint", j.endpoint}});
      if (!reply.value("ok", false)) continue;  // the endpoint went away; the job waits
      std::string first;
      for (const auto& a : reply["alerts"]) {
        const std::string id = a.value("id", "");
        if (a.value("rule_id", "") != j.trigger.rule_id || std::count(j.seen_alerts.begin(), j.seen_alerts.end(), id)) continue;
        j.seen_alerts.push_back(id);
        changed = true;
        first = "alert " + id + ": " + a.value("message", "");  // the latest new episode says why
      }
      // The run starts on the clock as it is now (the data that raised the alert has arrived).
      if (!first.empty() && !busy) queue(jobs_[i], first, 0);
    } else if (j.trigger.kind == "schedule") {
      const int day = last_day(j.endpoint);
      if (schedule_due(j.trigger, j.last_scheduled_day, day)) {
        j.last_scheduled_day = day;
        changed = true;
        if (!busy) queue(jobs_[i], "schedule: every " + std::to_string(j.trigger.every_days) + " days, day " + std::to_string(day) + " reached", 0);
      }
    }
  }
  if (changed) save_jobs();
}

void JobHub::finish(JobRun& r, const std::string& status, const std::string& outcome) {
  r.status = status;
  r.outcome = outcome;
  r.end_ms = s_.store().now_ms();
  std::string endpoint;
  for (const auto& j : jobs_)
    if (j.id == r.job_id) endpoint = j.endpoint;
  r.sim_end_ms = sim_now(endpoint);
  r.sim_end_day = day_of(endpoint, r.sim_end_ms);
  say(r, status + ": " + outcome);
  data_.reset();
  const std::string done_job = r.job_id, done_run = r.id;
  save_runs();
  if (status != "done") return;
  // Jobs that follow this one start now (r may move as runs are added: it is not used below).
  for (const auto& j : jobs_)
    if (j.trigger.kind == "after" && j.trigger.after_job == done_job) queue(j, "after " + done_run + " succeeded", 0);
}

bool JobHub::step() {
  JobRun* r = find_active();
  if (!r) return false;
  const JobSpec* j = nullptr;
  for (const auto& x : jobs_)
    if (x.id == r->job_id) j = &x;
  if (!j) {
    finish(*r, "failed", "the job was removed before the run started");
    return true;
  }
  const size_t before = r->log.size();
  const std::string status = r->status;
  const int step = r->step;
  if (r->status == "queued") {
    r->status = "running";
    say(*r, "started");
  }
  try {
    if (j->kind == "retrain") step_retrain(*r, *j);
    else step_commands(*r, *j);
  } catch (const std::exception& e) {
    JobRun* again = find_active();
    if (again) finish(*again, "failed", user_error_message(e, "the job"));
    return true;
  }
  JobRun* now = find_active();
  const bool moved = !now || now != r || r->log.size() != before || r->status != status || r->step != step;
  if (moved) save_runs();
  return moved;
}

void JobHub::step_commands(JobRun& r, const JobSpec& j) {
  if (size_t(r.step) >= j.commands.size()) {
    finish(r, "done", "ran " + std::to_string(j.commands.size()) + " command" + (j.commands.size() == 1 ? "" : "s"));
    return;
  }
  const json& cmd = j.commands[size_t(r.step)];
  json reply = d_.handle(cmd);
  const std::string name = cmd.value("cmd", "");
  if (!reply.value("ok", false)) {
    finish(r, "failed", name + " failed: " + reply.value("error", "no reason given"));
    return;
  }
  say(r, name + ": ok");
  if (reply.contains("run_id") && reply["run_id"].is_string()) r.run_ids.push_back(reply["run_id"]);
  if (reply.contains("version") && reply.contains("model")) r.versions.push_back({{"model", reply["model"]}, {"version", reply["version"]}});
  ++r.step;
}

void JobHub::step_retrain(JobRun& r, const JobSpec& j) {
  switch (r.step) {
    case 0: {  // ingest: the recent labelled window and a reference sample
      model_ = model_of(j.endpoint);
      champion_ = champion_of(model_, j.endpoint);
      const ModelVersion* mv = s_.models().registry().model(model_).find(champion_);
      if (!mv) throw std::invalid_argument(model_ + " has no champion or served version to retrain");
      const Run champ = s_.store().get_run(mv->run_id);
      data_ = retrain_data(s_, hub_, j.endpoint, champ, j.window_days, j.reference_share);
      req_ = train_request_of(champ, s_.store());  // the champion's recipe, as its run logged it
      say(r, "ingested " + std::to_string(data_->recent) + " labelled requests of " + j.endpoint + " (days " +
                 std::to_string(data_->from_day) + "-" + std::to_string(data_->to_day) + ") and " + std::to_string(data_->reference) +
                 " rows of " + model_ + " v" + std::to_string(champion_) + "'s training data");
      r.step = 1;
      return;
    }
    case 1: {  // train with the champion's recipe, paced like any run
      if (!data_) throw std::invalid_argument("the run's data is gone (the lab was reloaded); run the job again");
      if (s_.training().state == TrainState::Running) return;  // another run first
      s_.start_training_on(data_->data, req_, "retrain " + r.id);
      train_run_ = s_.training().run_id;
      s_.store().set_tag(train_run_, "lab.job", j.id);
      s_.store().set_tag(train_run_, "lab.job.run", r.id);
      s_.store().set_tag(train_run_, "lab.job.window",
                         j.endpoint + " days " + std::to_string(data_->from_day) + "-" + std::to_string(data_->to_day));
      s_.store().set_tag(train_run_, "lab.job.champion", model_ + " v" + std::to_string(champion_));
      r.run_ids.push_back(train_run_);
      say(r, "training " + req_.algo + " with v" + std::to_string(champion_) + "'s parameters and features (run " + train_run_.substr(0, 8) + ")");
      r.step = 2;
      return;
    }
    case 2: {  // evaluate: the run's own held-out rows
      const TrainProgress& t = s_.training();
      if (t.run_id != train_run_) throw std::invalid_argument("the retraining run was replaced by another run");
      if (t.state == TrainState::Running) return;
      if (t.state != TrainState::Done || !t.result)
        throw std::invalid_argument(std::string("the retraining run ended ") + to_string(t.state) + (t.error.empty() ? "" : ": " + t.error));
      std::string metrics;
      for (const auto& [name, value] : t.result->metrics)
        if (name == "accuracy" || name == "roc_auc") metrics += (metrics.empty() ? "" : ", ") + name + " " + short_number(value);
      say(r, "trained: " + metrics + " on its " + std::to_string(t.result->test_rows) + " held-out rows");
      r.step = 3;
      return;
    }
    case 3: {  // register as @challenger
      json reg = d_.handle({{"cmd", "registry.register"}, {"model", model_}, {"run_id", train_run_}});
      if (!reg.value("ok", false)) throw std::invalid_argument("registry.register: " + reg.value("error", ""));
      challenger_ = reg["version"].get<int>();
      r.versions.push_back({{"model", model_}, {"version", challenger_}});
      json alias = d_.handle({{"cmd", "registry.set_alias"}, {"model", model_}, {"alias", "challenger"}, {"version", challenger_},
                              {"comment", "retraining " + r.id}});
      if (!alias.value("ok", false)) throw std::invalid_argument("registry.set_alias: " + alias.value("error", ""));
      say(r, "registered " + model_ + " v" + std::to_string(challenger_) + " as @challenger");
      r.step = 4;
      return;
    }
    case 4: {  // champion and challenger on the same recent rows, held out from the retraining
      TrainJob split(data_->data.table, req_);
      std::vector<json> inputs;
      std::vector<std::string> actual;
      for (size_t row : split.test_rows())
        if (row < data_->recent) inputs.push_back(data_->recent_inputs[row]), actual.push_back(data_->recent_actual[row]);
      const bool held_out = inputs.size() >= kMinCompareRows;
      if (!held_out) inputs = data_->recent_inputs, actual = data_->recent_actual;
      const std::string champ_run = s_.models().registry().model(model_).find(champion_)->run_id;
      const double a = accuracy_on(s_, champ_run, inputs, actual), b = accuracy_on(s_, train_run_, inputs, actual);
      r.comparison = {{"metric", "accuracy"}, {"rows", inputs.size()}, {"held_out", held_out},
                      {"days", {data_->from_day, data_->to_day}},
                      {"champion", {{"model", model_}, {"version", champion_}, {"accuracy", a}}},
                      {"challenger", {{"model", model_}, {"version", challenger_}, {"accuracy", b}}}};
      say(r, "compared on " + std::to_string(inputs.size()) + " recent labelled requests" +
                 (held_out ? " the challenger never trained on" : " (too few held out: every recent row, trained on too)") +
                 ": champion v" + std::to_string(champion_) + " accuracy " + short_number(a) + ", challenger v" +
                 std::to_string(challenger_) + " " + short_number(b));
      r.step = 5;
      return;
    }
    case 5: {  // the promotion gates, no-regression measured on those same rows
      SameRowsComparison same{"accuracy", r.comparison["challenger"]["accuracy"].get<double>(),
                              r.comparison["champion"]["accuracy"].get<double>(), r.comparison["rows"].get<size_t>(),
                              "recent labelled requests"};
      GateReport report = ModelGates(s_).run(model_, challenger_, same);
      for (const auto& g : report.results) say(r, "gate " + g.gate + ": " + g.status + (g.detail.empty() ? "" : " (" + g.detail + ")"));
      r.comparison["gates_passed"] = report.passed();
      r.comparison["gate_failures"] = report.failures();
      r.step = 6;
      return;
    }
    default: {  // promote, wait for approval, or keep the champion
      RetrainDecision d = decide_retrain(r.comparison["champion"]["accuracy"].get<double>(),
                                         r.comparison["challenger"]["accuracy"].get<double>(), r.comparison["rows"].get<size_t>(),
                                         j.margin, r.comparison["gates_passed"].get<bool>(),
                                         r.comparison["gate_failures"].get<std::string>(), j.auto_promote);
      r.comparison["decision"] = d.action;
      if (d.action == "promote") {
        json p = d_.handle({{"cmd", "registry.set_alias"}, {"model", model_}, {"alias", "champion"}, {"version", challenger_},
                            {"comment", "promoted by " + r.id + ": " + d.reason}});
        if (!p.value("ok", false)) throw std::invalid_argument("registry.set_alias: " + p.value("error", ""));
        finish(r, "done", "promoted " + model_ + " v" + std::to_string(challenger_) + " to @champion: " + d.reason);
      } else if (d.action == "wait") {
        r.status = "waiting";
        r.outcome = "waiting for approval: " + d.reason;
        say(r, r.outcome);
        data_.reset();
      } else {
        finish(r, "done", "kept " + model_ + " v" + std::to_string(champion_) + " as champion: " + d.reason);
      }
      return;
    }
  }
}

JobRun JobHub::decide(const std::string& run_id, bool approve) {
  load();
  std::vector<JobRun*> waiting;
  for (auto& r : runs_)
    if (r.status == "waiting" && (run_id.empty() || r.id == run_id)) waiting.push_back(&r);
  if (waiting.empty()) {
    if (!run_id.empty()) run(run_id);  // unknown runs are named as such
    throw std::invalid_argument(run_id.empty() ? std::string("no job run is waiting for approval; a retraining job waits when its challenger "
                                                             "beat the champion and auto_promote is off (jobs.history lists the runs)")
                                               : "job run '" + run_id + "' is not waiting for approval (it is " + run(run_id).status + ")");
  }
  if (waiting.size() > 1) {
    std::string ids;
    for (auto* r : waiting) ids += (ids.empty() ? "" : ", ") + r->id;
    throw std::invalid_argument("several job runs are waiting (" + ids + "); name one with run");
  }
  JobRun& r = *waiting.front();
  const std::string model = r.comparison["challenger"].value("model", "");
  const int challenger = r.comparison["challenger"].value("version", 0), champion = r.comparison["champion"].value("version", 0);
  const std::string id = r.id;
  if (approve) {
    json p = d_.handle({{"cmd", "registry.set_alias"}, {"model", model}, {"alias", "champion"}, {"version", challenger},
                        {"comment", "approved in " + id}});
    if (!p.value("ok", false)) throw std::invalid_argument(p.value("error", "the promotion failed"));
    finish(r, "done", "promoted " + model + " v" + std::to_string(challenger) + " to @champion (approved)");
  } else {
    finish(r, "done", "kept " + model + " v" + std::to_string(champion) + " as champion: the challenger v" + std::to_string(challenger) +
                          " was rejected");
  }
  return run(id);
}

bool JobHub::frame() {
  load();
  if (!find_active() && s_.store_version() != checked_version_ && s_.training().state != TrainState::Running) {
    check_triggers();
    checked_version_ = s_.store_version();
  }
  step();
  return find_active() != nullptr;
}

int JobHub::run_until_idle() {
  load();
  int steps = 0;
  for (int guard = 0; guard < 100000; ++guard) {
    if (s_.training().state == TrainState::Running) {
      s_.runner().run_to_end();
      continue;
    }
    if (!find_active()) {
      check_triggers();
      checked_version_ = s_.store_version();
      if (!find_active()) break;
    }
    if (step()) ++steps;
  }
  return steps;
}

}  // namespace lab
