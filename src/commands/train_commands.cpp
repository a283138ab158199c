#include "commands/command_areas.hpp"

#include "commands/json_args.hpp"

namespace lab {

using nlohmann::json;

namespace {

json training_json(const TrainProgress& t) {
  json j = {{"state", to_string(t.state)}, {"run_id", t.run_id}, {"run_name", t.run_name}, {"algo", t.algo},
            {"step", t.step},           {"progress", t.progress}, {"train_loss", t.train_loss},
            {"val_loss", t.val_loss}};
  if (!t.error.empty()) j["error"] = t.error;
  if (t.result) {  // the metrics that apply to the task (binary, multiclass or regression)
    j["metrics"] = {{"train_rows", t.result->train_rows}, {"test_rows", t.result->test_rows}};
    for (const auto& [name, value] : t.result->metrics) j["metrics"][name] = value;
    j["task"] = to_string(t.result->task);
  }
  return j;
}

TrainRequest train_request(const json& a) {
  TrainRequest r;
  r.algo = args::str(a, "algo", r.algo);
  if (a.contains("params")) r.params = a["params"];
  r.test_fraction = args::number(a, "test_fraction", r.test_fraction);
  r.task = args::str(a, "task", r.task);
  if (a.contains("features")) r.features = a["features"];
  int64_t seed = args::integer(a, "seed", int64_t(r.seed));
  if (seed < 0) throw std::invalid_argument("field 'seed' must be 0 or more, got " + std::to_string(seed));
  r.seed = uint64_t(seed);
  return r;
}

}  // namespace

void register_train_commands(Dispatcher& d, Session& s) {
  d.add("learners.list", "algorithms and their parameter declarations", [](const json&) {
    json out = json::array();
    for (const auto& algo : known_algos()) {
      json specs = json::array();
      for (const auto& s : param_specs_for(algo)) specs.push_back(to_json(s));
      out.push_back({{"algo", algo}, {"params", specs}});
    }
    return json{{"learners", out}};
  });
  d.add("train.start", "start a run: {algo, params, test_fraction, seed, run_name}; the app steps it each frame",
      [&s](const json& a) {
        TrainRequest req = train_request(a);
        return training_json(s.start_training(req, args::str(a, "run_name", "")));
      });
  d.add("train.step", "advance the running job: {max_steps}", [&s](const json& a) {
    int64_t n = args::integer(a, "max_steps", 1);
    if (n < 1) throw std::invalid_argument("field 'max_steps' must be at least 1");
    s.step_training(int(n));
    return training_json(s.training());
  });
  d.add("train.run", "start a run and step it to the end (CLI, tests)", [&s](const json& a) {
    s.start_training(train_request(a), args::str(a, "run_name", ""));
    while (s.training().state == TrainState::Running) s.step_training(1000);
    return training_json(s.training());
  });
  d.add("train.status", "state, step history and metrics of the current or last run",
      [&s](const json&) { return training_json(s.training()); });
  d.add("train.cancel", "stop the running job; the run is kept with status KILLED", [&s](const json&) {
    s.cancel_training();
    return training_json(s.training());
  });

}

}  // namespace lab
