#include "commands/command_areas.hpp"

#include <cmath>
#include <memory>
#include <optional>

#include "commands/json_args.hpp"
#include "core/models/learner_registry.hpp"
#include "core/models/param_spec.hpp"
#include "core/pipeline/resource_estimate.hpp"

namespace lab {

using nlohmann::json;

namespace {

json pace_json(const TrainRunner& r) {
  const TrainRunner::UnitTiming& u = r.longest_unit();
  auto timing = [](const TrainRunner::UnitTiming& t) { return json{{"what", t.what}, {"ms", t.ms}, {"units", t.units}}; };
  json by_phase = json::object();
  for (const auto& [phase, t] : r.longest_by_phase()) by_phase[phase] = timing(t);
  return {{"slow_motion", r.slow_motion()},
          {"frame_budget_ms", r.frame_budget_ms()},
          {"longest_unit", timing(u)},
          {"longest_unit_by_phase", by_phase}};
}

json training_json(const TrainProgress& t) {
  json j = {{"state", to_string(t.state)}, {"phase", t.phase},   {"unit", t.unit},
            {"run_id", t.run_id},          {"run_name", t.run_name}, {"algo", t.algo},
            {"step", t.step},              {"progress", t.progress}, {"train_loss", t.train_loss},
            {"val_loss", t.val_loss}};
  if (!t.error.empty()) j["error"] = t.error;
  if (t.state != TrainState::Idle) j["rows_dropped_missing_target"] = t.rows_dropped_missing_target;
  if (t.result) {  // the metrics that apply to the task (binary, multiclass or regression)
    j["metrics"] = {{"train_rows", t.result->train_rows}, {"test_rows", t.result->test_rows}};
    for (const auto& [name, value] : t.result->metrics) j["metrics"][name] = value;
    j["task"] = to_string(t.result->task);
  }
  return j;
}

// A run's outcome as a reply: a run that ended FAILED is a failed command (ok false, the reason
// as its error), so scripts and CI see it; the run's details stay in the reply.
json finished_reply(const TrainProgress& t) {
  json j = training_json(t);
  if (t.state == TrainState::Failed) {
    j["ok"] = false;
    j["error"] = "the run '" + t.run_name + "' failed: " + t.error;
  }
  return j;
}

TrainRequest train_request(const json& a, const Session& s) {
  TrainRequest r;
  r.algo = args::str(a, "algo", r.algo);
  if (a.contains("params")) r.params = a["params"];
  r.test_fraction = args::number(a, "test_fraction", r.test_fraction);
  // Without a task in the request, the one chosen for the dataset (data.set_task) applies.
  r.task = args::str(a, "task", s.dataset() ? s.dataset()->task : r.task);
  if (a.contains("features")) r.features = a["features"];
  int64_t seed = args::integer(a, "seed", int64_t(r.seed));
  if (seed < 0) throw std::invalid_argument("field 'seed' must be 0 or more, got " + std::to_string(seed));
  r.seed = uint64_t(seed);
  return r;
}

// What a job may use before it is refused (memory) or announced as long (time). The browser
// sets the memory from its heap limit (train.set_limits); natively the machine's RAM is the limit.
struct ResourceLimits {
  double memory_bytes = 32e9;
  double warn_seconds = 180;  // "more than a few minutes"
};

// The estimate for a request on the current data; nullopt when the request is invalid anyway
// (start_training then says why).
std::optional<ResourceEstimate> estimate_for(const Session& s, const TrainRequest& req) {
  if (!s.dataset() || !s.dataset()->table.target()) return std::nullopt;
  try {
    const LearnerInfo& info = learner_info(req.algo);
    json params = resolve_params(info.params(), req.params);
    TargetTask task = detect_target_task(*s.dataset()->table.target(), req.task);
    return estimate_training(req.algo, params, training_shape(s.dataset()->table, req.test_fraction, task.n_classes()));
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

json estimate_json(const ResourceEstimate& e) {
  return {{"memory_bytes", std::round(e.bytes)}, {"memory_mb", std::round(e.bytes / 1e5) / 10}, {"seconds", e.seconds}, {"driver", e.driver},
          {"advice", e.advice}, {"summary", e.summary()}};
}

// Refuses a job that would not fit in memory (throws with the estimate and the fix); returns the
// warning for a long one ("" otherwise).
std::string check_limits(const std::optional<ResourceEstimate>& e, const ResourceLimits& limits) {
  if (!e) return "";
  if (e->bytes > limits.memory_bytes)
    throw std::invalid_argument("this run would need " + e->summary() + ", more than the " +
                                format_bytes(limits.memory_bytes) + " available here, so it was not started. To fit: " +
                                e->advice + ".");
  if (e->seconds > limits.warn_seconds)
    return "this run may take " + format_duration(e->seconds) + " (" + e->driver + "); Cancel stops it at any time. "
           "To make it faster: " + e->advice + ".";
  return "";
}

}  // namespace

void register_train_commands(Dispatcher& d, Session& s) {
  auto limits = std::make_shared<ResourceLimits>();
  d.add("train.set_limits",
        "memory and time limits for new runs: {memory_mb, warn_seconds}; the browser sets its heap limit here",
        [limits](const json& a) {
          const double mb = args::number(a, "memory_mb", limits->memory_bytes / 1e6);
          const double warn = args::number(a, "warn_seconds", limits->warn_seconds);
          if (!(mb > 0) || !(warn > 0)) throw std::invalid_argument("memory_mb and warn_seconds must be positive");
          limits->memory_bytes = mb * 1e6;
          limits->warn_seconds = warn;
          return json{{"memory_mb", mb}, {"warn_seconds", warn}};
        });
  d.add("train.estimate",
        "memory and time a run would take on the current data, before it starts: {algo, params, test_fraction, task}",
        [&s, limits](const json& a) {
          TrainRequest req = train_request(a, s);
          auto e = estimate_for(s, req);
          if (!e) throw std::invalid_argument("no estimate: load a dataset with a target and name a known learner");
          json j = estimate_json(*e);
          j["memory_limit_mb"] = std::round(limits->memory_bytes / 1e6);
          j["fits"] = e->bytes <= limits->memory_bytes;
          j["long"] = e->seconds > limits->warn_seconds;
          return j;
        });
  d.add("learners.list", "algorithms and their parameter declarations", [](const json&) {
    json out = json::array();
    for (const auto& algo : known_algos()) {
      json specs = json::array();
      for (const auto& s : param_specs_for(algo)) specs.push_back(to_json(s));
      out.push_back({{"algo", algo}, {"params", specs}});
    }
    return json{{"learners", out}};
  });
  d.add("train.start", "start a run: {algo, params, test_fraction, seed, run_name}; the app runs it frame by frame",
      [&s, limits](const json& a) {
        TrainRequest req = train_request(a, s);
        auto estimate = estimate_for(s, req);
        const std::string warning = check_limits(estimate, *limits);
        json j = training_json(s.start_training(req, args::str(a, "run_name", "")));
        if (estimate) j["estimate"] = estimate_json(*estimate);
        if (!warning.empty()) j["warning"] = warning;
        return j;
      });
  d.add("train.step", "advance the running job by up to {max_steps} fit steps (preparation and finishing included)",
        [&s](const json& a) {
    int64_t n = args::integer(a, "max_steps", 1);
    if (n < 1) throw std::invalid_argument("field 'max_steps' must be at least 1");
    const bool was_running = s.training().state == TrainState::Running;
    s.step_training(int(n));
    return was_running ? finished_reply(s.training()) : training_json(s.training());
  });
  d.add("train.run", "start a run and run it to the end (CLI, tests)", [&s, limits](const json& a) {
    TrainRequest req = train_request(a, s);
    auto estimate = estimate_for(s, req);
    const std::string warning = check_limits(estimate, *limits);
    s.start_training(req, args::str(a, "run_name", ""));
    s.runner().run_to_end();
    json j = finished_reply(s.training());
    j["pace"] = pace_json(s.runner());
    if (estimate) j["estimate"] = estimate_json(*estimate);
    if (!warning.empty()) j["warning"] = warning;
    return j;
  });
  d.add("train.frame", "one frame's share of the running job (the app calls it every frame): {state, phase, units}",
        [&s](const json&) {
          int units = s.runner().run_frame();
          const TrainProgress& t = s.training();
          return json{{"state", to_string(t.state)}, {"phase", t.phase}, {"units", units}};
        });
  d.add("train.pace", "how training is paced: {slow_motion?: bool, frame_budget_ms?: 1..1000}; also the longest unit of work",
        [&s](const json& a) {
          if (a.contains("slow_motion")) {
            if (!a["slow_motion"].is_boolean()) throw std::invalid_argument("field 'slow_motion' must be true or false");
            s.runner().set_slow_motion(a["slow_motion"].get<bool>());
          }
          if (a.contains("frame_budget_ms")) s.runner().set_frame_budget_ms(args::number(a, "frame_budget_ms", 8.0));
          return pace_json(s.runner());
        });
  d.add("train.status", "state, step history and metrics of the current or last run",
      [&s](const json&) { return training_json(s.training()); });
  d.add("train.cancel", "stop the running job; the run is kept with status KILLED", [&s](const json&) {
    s.cancel_training();
    return training_json(s.training());
  });

}

}  // namespace lab
