// `lab`: the lab's commands, headless. Same dispatcher as the browser, same store format.
//   lab version
//   lab train [--csv FILE --target COL | --dataset NAME] [--algo A] [--params JSON] [--store DIR]
//   lab cmd '<json command>' [--store DIR]
//   lab run pipeline.json [--store DIR]     (a JSON list of commands, run in order)
#include <fstream>
#include <map>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "commands/dispatcher.hpp"
#include "commands/user_error.hpp"
#include "core/data/text_encoding.hpp"
#include "io/system_clock.hpp"
#include "cli/drift_command.hpp"
#include "cli/jobs_command.hpp"
#include "cli/monitor_command.hpp"
#include "cli/notebook_command.hpp"
#include "cli/sync_command.hpp"
#include "cli/tune_command.hpp"
#include "server/serve_command.hpp"
#include "server/serve_options.hpp"
#include "cli/explain_command.hpp"

namespace {

const char* kUsage =
    "usage:\n"
    "  lab version\n"
    "  lab train [--csv FILE --target COL | --dataset NAME [--rows N]] [--algo A] [--params JSON]\n"
    "            [--task auto|binary|multiclass|regression] [--seed S] [--test-fraction F]\n"
    "            [--run-name NAME] [--store DIR]\n"
    "      load data and train one model; prints the run (metrics, loss history) as JSON and exits\n"
    "      non-zero when the run fails. CSV files may be UTF-8, UTF-16 (with BOM) or Windows-1252.\n"
    "      datasets: loan (default), churn, production_hours, iris, wine, breast_cancer\n"
    "      algorithms: lab cmd '{\"cmd\":\"learners.list\"}'\n"
    "  lab cmd '<json>' [--store DIR]      run one command, e.g. lab cmd '{\"cmd\":\"help\"}'\n"
    "  lab run FILE.json [--store DIR]     run a pipeline file: a JSON list of commands\n"
    "  lab export [--out FILE.tar] [--experiments ID,ID] [--artifact-root DIR] [--store DIR]\n"
    "      the store (or chosen experiments) as one tar of mlruns/; `tar xf` it and run `mlflow ui`.\n"
    "      --artifact-root: the absolute path the archive's mlruns/ folder will have once unpacked\n"
    "      (e.g. /home/me/lab-export/mlruns); run artifact URIs then point there so mlflow ui shows\n"
    "      the artifacts. Without it every file is exported exactly as stored.\n"
    "  lab import FILE.tar [--artifact-root DIR|keep] [--store DIR]\n"
    "      add the runs of an exported archive (refuses on conflicts, writing nothing). Their artifact\n"
    "      URIs are pointed at the store's own folder, so mlflow ui on the store finds the artifacts;\n"
    "      --artifact-root keep leaves them as archived.\n"
    LAB_EXPLAIN_USAGE
    LAB_SERVE_USAGE
    LAB_SYNC_USAGE
    LAB_DRIFT_USAGE
    LAB_MONITOR_USAGE
    LAB_JOBS_USAGE
    LAB_TUNE_USAGE
    LAB_AUTOML_USAGE
    LAB_NOTEBOOK_USAGE
    "The store defaults to ./mlruns (MLflow's FileStore layout).\n";

struct Options {
  std::vector<std::string> positional;
  std::map<std::string, std::string> flags;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    // Arguments become JSON strings: bytes that are not UTF-8 (a Latin-1 terminal) are read as
    // Windows-1252 so they cannot break the reply.
    std::string a = lab::to_valid_utf8(argv[i]);
    if (a == "--json") {  // the one option without a value
      o.flags["json"] = "1";
    } else if (a.rfind("--", 0) == 0) {
      if (i + 1 >= argc) throw std::invalid_argument("option " + a + " needs a value");
      o.flags[a.substr(2)] = lab::to_valid_utf8(argv[++i]);
    } else {
      o.positional.push_back(a);
    }
  }
  return o;
}

double flag_number(const Options& o, const std::string& name, double fallback) {
  auto it = o.flags.find(name);
  if (it == o.flags.end()) return fallback;
  try {
    size_t used = 0;
    double v = std::stod(it->second, &used);
    if (used != it->second.size()) throw std::invalid_argument("");
    return v;
  } catch (...) {
    throw std::invalid_argument("--" + name + " expects a number, got '" + it->second + "'");
  }
}

int print_reply(const nlohmann::json& reply) {
  std::cout << lab::safe_dump(reply, 2) << "\n";
  return reply.value("ok", false) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Options o = parse(argc, argv);
    if (o.positional.empty()) { std::cerr << kUsage; return 2; }
    const std::string& verb = o.positional[0];
    if (verb == "version") { std::cout << "mlops-lab " << lab::lab_version() << "\n"; return 0; }
    if (verb == "serve") return lab::serve_command(o.flags);  // src/server/
    if (verb == "sync") return lab::sync_command(o.flags);    // src/cli/sync_command.cpp
    if (verb == "drift") return lab::drift_command(o.flags);  // src/cli/drift_command.cpp
    if (verb == "room") return lab::room_command(o.flags, o.flags.count("json") > 0);

    lab::SystemClock clock;
    std::string store = o.flags.count("store") ? o.flags["store"] : "mlruns";
    lab::Session session(store, clock, std::random_device{}());
    lab::Dispatcher dispatcher(session);

    if (verb == "train") {
      // The data: a CSV file (--csv FILE --target COL) or a workshop dataset (--dataset NAME).
      nlohmann::json load;
      // The path exactly as given (the file system wants the original bytes).
      std::string argv_csv;
      for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--csv") argv_csv = argv[i + 1];
      if (o.flags.count("csv")) {
        if (!std::ifstream(argv_csv, std::ios::binary)) throw std::invalid_argument("cannot open CSV file '" + o.flags["csv"] + "'");
        // The file's bytes as they are: the importer decodes them (UTF-8, UTF-16, Windows-1252).
        load = {{"cmd", "data.import_csv"}, {"path", argv_csv}, {"name", o.flags["csv"]},
                {"target", o.flags.count("target") ? o.flags["target"] : ""}};
      } else {
        load = {{"cmd", "data.generate"}, {"dataset", o.flags.count("dataset") ? o.flags["dataset"] : "loan"},
                {"rows", int64_t(flag_number(o, "rows", 5000))}, {"seed", int64_t(flag_number(o, "seed", 42))}};
      }
      auto g = dispatcher.handle(load);
      if (!g.value("ok", false)) return print_reply(g);
      if (g.contains("import_note")) std::cerr << "lab: note: " << g["import_note"].get<std::string>() << "\n";
      if (o.flags.count("target") && !o.flags.count("csv")) {
        g = dispatcher.handle({{"cmd", "data.set_target"}, {"column", o.flags["target"]}});
        if (!g.value("ok", false)) return print_reply(g);
      }
      if (o.flags.count("task")) {
        g = dispatcher.handle({{"cmd", "data.set_task"}, {"task", o.flags["task"]}});
        if (!g.value("ok", false)) return print_reply(g);
      }
      nlohmann::json params = nlohmann::json::object();
      if (o.flags.count("params")) {
        params = nlohmann::json::parse(o.flags["params"], nullptr, false);
        if (!params.is_object()) throw std::invalid_argument("--params expects a JSON object, e.g. '{\"C\": 0.5}'");
      }
      if (o.flags.count("C")) params["C"] = flag_number(o, "C", 1.0);
      if (o.flags.count("max-iter")) params["max_iter"] = int64_t(flag_number(o, "max-iter", 100));
      nlohmann::json train = {{"cmd", "train.run"},
                              {"algo", o.flags.count("algo") ? o.flags["algo"] : "logistic_regression"},
                              {"seed", int64_t(flag_number(o, "seed", 42))},
                              {"test_fraction", flag_number(o, "test-fraction", 0.2)},
                              {"params", params}};
      if (o.flags.count("run-name")) train["run_name"] = o.flags["run-name"];
      nlohmann::json reply = dispatcher.handle(train);
      // What the model learned from: the data as read (encoding note, task and why, dropped rows).
      nlohmann::json data = {{"rows", g["rows"]}, {"columns", g["columns"]}, {"target", g["target"]}};
      for (const char* k : {"import_note", "task", "task_reason", "rows_missing_target"})
        if (g.contains(k)) data[k] = g[k];
      reply["data"] = data;
      return print_reply(reply);
    }
    if (verb == "tune") return lab::tune_command(dispatcher, o.flags);  // src/cli/tune_command.cpp
    if (verb == "automl") return lab::automl_command(dispatcher, o.flags);
    if (verb == "notebook") return lab::notebook_command(dispatcher, o.flags);  // src/cli/notebook_command.cpp
    if (verb == "monitor")  // src/cli/monitor_command.cpp
      return lab::monitor_command(dispatcher, {o.positional.begin() + 1, o.positional.end()}, o.flags);
    if (verb == "jobs")  // src/cli/jobs_command.cpp
      return lab::jobs_command(dispatcher, {o.positional.begin() + 1, o.positional.end()}, o.flags);
    if (verb == "explain" || verb == "importance" || verb == "pdp") return lab::explain_command(dispatcher, verb, o.flags);
    if (verb == "cmd") {
      if (o.positional.size() < 2) throw std::invalid_argument("lab cmd needs a JSON command");
      auto reply = nlohmann::json::parse(dispatcher.handle_text(o.positional[1]));
      return print_reply(reply);
    }
    if (verb == "run") {
      if (o.positional.size() < 2) throw std::invalid_argument("lab run needs a pipeline file");
      std::ifstream f(o.positional[1]);
      if (!f) throw std::invalid_argument("cannot open pipeline file '" + o.positional[1] + "'");
      std::stringstream ss;
      ss << f.rdbuf();
      auto steps = nlohmann::json::parse(ss.str(), nullptr, false);
      if (!steps.is_array() || steps.empty())
        throw std::invalid_argument("a pipeline file must hold a non-empty JSON list of commands");
      nlohmann::json replies = nlohmann::json::array();
      for (const auto& step : steps) {
        replies.push_back(dispatcher.handle(step));
        if (!replies.back().value("ok", false)) break;  // stop at the first failing step
      }
      std::cout << lab::safe_dump(replies, 2) << "\n";
      return replies.back().value("ok", false) ? 0 : 1;
    }
    if (verb == "export") {
      nlohmann::json cmd = {{"cmd", "store.export"}, {"path", o.flags.count("out") ? o.flags["out"] : "mlruns-export.tar"}};
      if (o.flags.count("experiments")) {
        nlohmann::json ids = nlohmann::json::array();
        std::stringstream list(o.flags["experiments"]);
        for (std::string id; std::getline(list, id, ',');)
          if (!id.empty()) ids.push_back(id);
        cmd["experiment_ids"] = ids;
      }
      if (o.flags.count("artifact-root")) cmd["artifact_root"] = o.flags["artifact-root"];
      return print_reply(dispatcher.handle(cmd));
    }
    if (verb == "import") {
      if (o.positional.size() < 2) throw std::invalid_argument("lab import needs an archive file");
      nlohmann::json cmd = {{"cmd", "store.import"}, {"path", o.positional[1]}};
      if (o.flags.count("artifact-root")) cmd["artifact_root"] = o.flags["artifact-root"];
      return print_reply(dispatcher.handle(cmd));
    }
    std::cerr << "unknown command '" << verb << "'\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "lab: " << lab::user_error_message(e, "this command") << "\n";
    return 2;
  }
}
