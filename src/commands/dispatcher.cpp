#include "commands/dispatcher.hpp"

#include "commands/json_args.hpp"
#include "core/data/loan_generator.hpp"

namespace lab {

using nlohmann::json;

#ifndef LAB_VERSION
#define LAB_VERSION "0.1.0-dev"
#endif
const char* lab_version() { return LAB_VERSION; }

namespace {

json run_summary(const Run& r) {
  json metrics = json::object();
  for (const auto& [k, hist] : r.metrics)
    if (const MetricPoint* p = r.latest(k)) metrics[k] = p->value;
  json tags = json::object();
  for (const auto& [k, v] : r.tags) tags[k] = v;
  return {{"run_id", r.info.run_id},
          {"run_name", r.info.run_name},
          {"status", to_string(r.info.status)},
          {"start_time", r.info.start_time},
          {"end_time", r.info.end_time < 0 ? json(nullptr) : json(r.info.end_time)},
          {"params", r.params},
          {"metrics", metrics},
          {"tags", tags}};
}

json training_json(const TrainProgress& t) {
  json j = {{"state", to_string(t.state)}, {"run_id", t.run_id}, {"run_name", t.run_name}, {"algo", t.algo},
            {"step", t.step},           {"progress", t.progress}, {"train_loss", t.train_loss},
            {"val_loss", t.val_loss}};
  if (!t.error.empty()) j["error"] = t.error;
  if (t.result)
    j["metrics"] = {{"accuracy", t.result->accuracy}, {"roc_auc", t.result->roc_auc},
                    {"log_loss", t.result->log_loss}, {"train_rows", t.result->train_rows},
                    {"test_rows", t.result->test_rows}};
  return j;
}

TrainRequest train_request(const json& a) {
  TrainRequest r;
  r.algo = args::str(a, "algo", r.algo);
  if (a.contains("params")) r.params = a["params"];
  r.test_fraction = args::number(a, "test_fraction", r.test_fraction);
  int64_t seed = args::integer(a, "seed", int64_t(r.seed));
  if (seed < 0) throw std::invalid_argument("field 'seed' must be 0 or more, got " + std::to_string(seed));
  r.seed = uint64_t(seed);
  return r;
}

}  // namespace

Dispatcher::Dispatcher(Session& s) : session_(s) {
  add("help", "list the commands", [this](const json&) {
    json list = json::array();
    for (const auto& [name, e] : handlers_) list.push_back({{"cmd", name}, {"help", e.help}});
    return json{{"commands", list}};
  });
  add("version", "the lab's version", [](const json&) { return json{{"version", lab_version()}}; });

  add("data.generate", "generate a workshop dataset: {dataset: 'loan', rows, seed}", [this](const json& a) {
    std::string name = args::str(a, "dataset", "loan");
    int64_t rows = args::integer(a, "rows", 5000);
    int64_t seed = args::integer(a, "seed", 42);
    if (rows <= 0) throw std::invalid_argument("field 'rows' must be a positive number of rows, got " + std::to_string(rows));
    if (seed < 0) throw std::invalid_argument("field 'seed' must be 0 or more, got " + std::to_string(seed));
    const auto& d = session_.generate(name, rows, uint64_t(seed));
    return json{{"dataset", d.name}, {"rows", d.table.rows()}, {"columns", d.table.cols()}, {"hash", d.hash}};
  });
  add("data.preview", "rows of the current dataset: {offset, limit}", [this](const json& a) {
    const auto& d = session_.dataset();
    if (!d) throw std::invalid_argument("no dataset yet; run data.generate first");
    int64_t offset = args::integer(a, "offset", 0), limit = args::integer(a, "limit", 20);
    if (offset < 0 || limit < 0 || limit > 10000)
      throw std::invalid_argument("offset must be >= 0 and limit between 0 and 10000");
    json cols = json::array(), rows = json::array();
    for (const auto& c : d->table.columns) cols.push_back(c.name);
    for (size_t r = size_t(offset); r < d->table.rows() && r < size_t(offset + limit); ++r) {
      json row = json::array();
      for (const auto& c : d->table.columns) row.push_back(c.values[r]);
      rows.push_back(row);
    }
    return json{{"columns", cols}, {"rows", rows}, {"total_rows", d->table.rows()}, {"hash", d->hash}};
  });
  add("data.schema", "the inferred schema of the current dataset", [this](const json&) {
    const auto& d = session_.dataset();
    if (!d) throw std::invalid_argument("no dataset yet; run data.generate first");
    json cols = json::array();
    for (const auto& c : d->schema.columns)
      cols.push_back({{"name", c.name}, {"type", to_string(c.type)}, {"role", to_string(c.role)},
                      {"description", c.description}, {"min", c.min}, {"max", c.max}, {"mean", c.mean},
                      {"missing", c.missing}});
    return json{{"columns", cols}, {"hash", d->hash}};
  });

  add("learners.list", "algorithms and their parameter declarations", [](const json&) {
    json out = json::array();
    for (const auto& algo : known_algos()) {
      json specs = json::array();
      for (const auto& s : param_specs_for(algo)) specs.push_back(to_json(s));
      out.push_back({{"algo", algo}, {"params", specs}});
    }
    return json{{"learners", out}};
  });
  add("train.start", "start a run: {algo, params, test_fraction, seed, run_name}; the app steps it each frame",
      [this](const json& a) {
        TrainRequest req = train_request(a);
        return training_json(session_.start_training(req, args::str(a, "run_name", "")));
      });
  add("train.step", "advance the running job: {max_steps}", [this](const json& a) {
    int64_t n = args::integer(a, "max_steps", 1);
    if (n < 1) throw std::invalid_argument("field 'max_steps' must be at least 1");
    session_.step_training(int(n));
    return training_json(session_.training());
  });
  add("train.run", "start a run and step it to the end (CLI, tests)", [this](const json& a) {
    session_.start_training(train_request(a), args::str(a, "run_name", ""));
    while (session_.training().state == TrainState::Running) session_.step_training(1000);
    return training_json(session_.training());
  });
  add("train.status", "state, step history and metrics of the current or last run",
      [this](const json&) { return training_json(session_.training()); });
  add("train.cancel", "stop the running job; the run is kept with status KILLED", [this](const json&) {
    session_.cancel_training();
    return training_json(session_.training());
  });

  add("runs.list", "all runs of the default experiment, newest first", [this](const json&) {
    json out = json::array();
    for (const auto& r : session_.runs()) out.push_back(run_summary(r));
    return json{{"runs", out}};
  });
  add("runs.get", "one run with full metric histories: {run_id}", [this](const json& a) {
    Run r = session_.store().get_run(args::required_str(a, "run_id"));
    json j = run_summary(r);
    json hist = json::object();
    for (const auto& [k, points] : r.metrics) {
      json arr = json::array();
      for (const auto& p : points) arr.push_back({{"step", p.step}, {"value", p.value}, {"timestamp", p.timestamp}});
      hist[k] = arr;
    }
    j["history"] = hist;
    return j;
  });
}

void Dispatcher::add(const std::string& name, const std::string& help, Handler h) {
  handlers_[name] = Entry{help, std::move(h)};
}

std::vector<std::string> Dispatcher::names() const {
  std::vector<std::string> out;
  for (const auto& [n, e] : handlers_) out.push_back(n);
  return out;
}

json Dispatcher::handle(const json& command) {
  std::string name;
  try {
    if (!command.is_object())
      return {{"ok", false}, {"error", "a command must be a JSON object like {\"cmd\": \"version\"}"}};
    if (!command.contains("cmd") || !command["cmd"].is_string())
      return {{"ok", false}, {"error", "missing \"cmd\": say which command to run, e.g. {\"cmd\": \"help\"}"}};
    name = command["cmd"].get<std::string>();
    auto it = handlers_.find(name);
    if (it == handlers_.end())
      return {{"ok", false}, {"cmd", name}, {"error", "unknown command '" + name + "'; send {\"cmd\": \"help\"} for the list"}};
    json reply = it->second.run(command);
    reply["ok"] = true;
    reply["cmd"] = name;
    return reply;
  } catch (const std::exception& e) {
    return {{"ok", false}, {"cmd", name}, {"error", e.what()}};
  }
}

std::string Dispatcher::handle_text(const std::string& text) {
  json cmd;
  try {
    cmd = json::parse(text);
  } catch (const json::parse_error& e) {
    return json{{"ok", false}, {"error", std::string("the command is not valid JSON (") + e.what() +
                                             "); send an object like {\"cmd\": \"version\"}"}}
        .dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return handle(cmd).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace lab
