#include "cli/tune_command.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace lab {

using nlohmann::json;

namespace {

using Flags = std::map<std::string, std::string>;

json parsed_flag(const Flags& f, const std::string& name, bool whole) {
  const std::string& text = f.at(name);
  json v = json::parse(text, nullptr, false);
  if (!v.is_number() || (whole && !v.is_number_integer()))
    throw std::invalid_argument("--" + name + " expects " + (whole ? "a whole number" : "a number") + ", got '" + text + "'");
  return v;
}

int print_json(const json& reply) {
  std::cout << safe_dump(reply, 2) << "\n";
  return reply.value("ok", false) ? 0 : 1;
}

// The data the way `lab train` loads it: a CSV file with --target, or a workshop dataset.
json load_data(Dispatcher& d, const Flags& f) {
  json g;
  if (f.count("csv")) {
    if (!std::ifstream(f.at("csv"), std::ios::binary)) throw std::invalid_argument("cannot open CSV file '" + f.at("csv") + "'");
    g = d.handle({{"cmd", "data.import_csv"}, {"path", f.at("csv")}, {"name", f.at("csv")},
                  {"target", f.count("target") ? f.at("target") : ""}});
  } else {
    g = d.handle({{"cmd", "data.generate"}, {"dataset", f.count("dataset") ? f.at("dataset") : "loan"},
                  {"rows", f.count("rows") ? parsed_flag(f, "rows", true) : json(5000)},
                  {"seed", f.count("seed") ? parsed_flag(f, "seed", true) : json(42)}});
    if (g.value("ok", false) && f.count("target")) g = d.handle({{"cmd", "data.set_target"}, {"column", f.at("target")}});
  }
  if (g.value("ok", false) && f.count("task")) g = d.handle({{"cmd", "data.set_task"}, {"task", f.at("task")}});
  return g;
}

std::string fixed(double v, int digits) {
  if (!std::isfinite(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

void print_table(const json& r) {
  const std::string metric = r["metric"].get<std::string>();
  const bool automl = r["strategy"] == "automl";
  std::cout << (automl ? "" : "tune ") << r["strategy"].get<std::string>() << ": " << r["trials"].get<int64_t>() << " trials, "
            << r["threads_used"].get<int>() << " thread(s), stopped by " << r["stopped_by"].get<std::string>()
            << "; CV " << metric << " on " << r["training_rows"].get<int64_t>() << " training rows\n";
  if (r.contains("data_checks"))
    for (const auto& c : r["data_checks"])
      std::cout << "data check (" << c["status"].get<std::string>() << "): " << c["message"].get<std::string>() << "\n";
  if (r.contains("note")) std::cout << "note: " << r["note"].get<std::string>() << "\n";
  if (r.contains("rungs")) {
    std::cout << "rungs (" << r["resource"].get<std::string>() << "):";
    for (const auto& g : r["rungs"]) std::cout << " " << g["candidates"] << "x" << g["resources"];
    std::cout << "; ranked as scikit-learn ranks halving: the last rung (the most " << r["resource"].get<std::string>()
              << ") first, then by mean\n";
  }
  std::cout << "rank  trial  rung  " << metric << " mean ± std     fit s  " << (automl ? "learner: " : "") << "params\n";
  int shown = 0;
  for (const auto& row : r["leaderboard"]) {
    if (++shown > 10) break;
    std::string score = row["status"] == "finished"
                            ? fixed(row["mean"].get<double>(), 4) + " ± " + fixed(row["std"].get<double>(), 4)
                            : "failed: " + row["error"].get<std::string>().substr(0, 40);
    char line[256];
    std::snprintf(line, sizeof line, "%4d  %5d  %4d  %-22s %6s  ", row["rank"].get<int>(), row["trial"].get<int>(),
                  row["rung"].get<int>(), score.c_str(), fixed(row["fit_seconds"].get<double>(), 2).c_str());
    std::cout << line << (automl ? row["algo"].get<std::string>() + ": " : "") << row["params"].dump() << "\n";
  }
  if (r.contains("test_metrics"))
    std::cout << "refit on all training rows, test " << metric << ": "
              << fixed(r["test_metrics"].value(metric, std::nan("")), 4) << " (run " << r["refit_run_id"].get<std::string>()
              << ")\n";
  std::cout << "parent run " << r["parent_run_id"].get<std::string>() << "\n";
}

json common_search_flags(const Flags& f, json cmd) {
  for (const auto& [flag, field] : std::map<std::string, std::string>{{"cv", "cv"}, {"threads", "threads"}, {"seed", "seed"}})
    if (f.count(flag)) cmd[field] = parsed_flag(f, flag, true);
  if (f.count("budget-s")) cmd["budget_s"] = parsed_flag(f, "budget-s", false);
  if (f.count("test-fraction")) cmd["test_fraction"] = parsed_flag(f, "test-fraction", false);
  if (f.count("metric")) cmd["metric"] = f.at("metric");
  if (f.count("run-name")) cmd["run_name"] = f.at("run-name");
  if (f.count("split-out")) cmd["include_split"] = true;
  return cmd;
}

// Runs the command; writes --split-out (and the recipe to --recipe-out) and prints.
int run_and_print(Dispatcher& d, const Flags& f, const json& cmd) {
  json reply = d.handle(cmd);
  if (f.count("split-out") && reply.contains("split")) {
    std::ofstream out(f.at("split-out"), std::ios::binary);
    if (!(out << reply["split"].dump() << "\n"))
      throw std::invalid_argument("cannot write --split-out file '" + f.at("split-out") + "'");
    reply.erase("split");
  }
  if (f.count("recipe-out") && reply.contains("recipe")) {
    std::ofstream out(f.at("recipe-out"), std::ios::binary);
    if (!(out << reply["recipe"].dump(2) << "\n"))
      throw std::invalid_argument("cannot write --recipe-out file '" + f.at("recipe-out") + "'");
  }
  if (f.count("json") || !reply.value("ok", false)) return print_json(reply);
  print_table(reply);
  if (f.count("recipe-out") && reply.contains("recipe"))
    std::cout << "recipe written to " << f.at("recipe-out") << " (replay: lab run " << f.at("recipe-out") << ")\n";
  return 0;
}

}  // namespace

int automl_command(Dispatcher& d, const Flags& f) {
  const json g = load_data(d, f);
  if (!g.value("ok", false)) return print_json(g);
  json cmd = common_search_flags(f, {{"cmd", "automl.run"}});
  if (f.count("candidates-per-learner")) cmd["candidates_per_learner"] = parsed_flag(f, "candidates-per-learner", true);
  if (f.count("algos")) {
    cmd["algos"] = json::array();
    std::stringstream list(f.at("algos"));
    for (std::string a; std::getline(list, a, ',');)
      if (!a.empty()) cmd["algos"].push_back(a);
  }
  return run_and_print(d, f, cmd);
}

int tune_command(Dispatcher& d, const Flags& f) {
  const json g = load_data(d, f);
  if (!g.value("ok", false)) return print_json(g);
  json cmd = common_search_flags(f, {{"cmd", "tune.run"}, {"algo", f.count("algo") ? f.at("algo") : "hist_gbdt"}});
  for (const auto& [flag, field] : std::map<std::string, std::string>{{"strategy", "strategy"}, {"resource", "resource"}})
    if (f.count(flag)) cmd[field] = f.at(flag);
  for (const auto& [flag, field] : std::map<std::string, std::string>{{"trials", "trials"}, {"factor", "factor"},
                                                                    {"max-resources", "max_resources"},
                                                                    {"grid-points", "grid_points"}})
    if (f.count(flag)) cmd[field] = parsed_flag(f, flag, true);
  if (f.count("min-resources")) cmd["min_resources"] = f.at("min-resources");
  if (f.count("space")) {
    cmd["space"] = json::parse(f.at("space"), nullptr, false);
    if (!cmd["space"].is_object())
      throw std::invalid_argument("--space expects a JSON object, e.g. '{\"C\": {\"min\": 0.1, \"max\": 10}}'");
  }
  return run_and_print(d, f, cmd);
}

}  // namespace lab
