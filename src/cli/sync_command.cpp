#include "cli/sync_command.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "cli/http_transport.hpp"
#include "commands/sync/room_fetch.hpp"
#include "core/sync/leaderboard.hpp"
#include "io/registry_store.hpp"
#include "io/sync/journal_file.hpp"
#include "io/sync/registry_sync.hpp"
#include "io/sync/sync_loop.hpp"
#include "io/system_clock.hpp"

namespace lab {

using nlohmann::json;
using namespace lab::sync;

namespace {

std::string flag(const std::map<std::string, std::string>& f, const std::string& name, const std::string& fallback = "") {
  auto it = f.find(name);
  return it == f.end() ? fallback : it->second;
}

std::string required(const std::map<std::string, std::string>& f, const std::string& name, const std::string& example) {
  std::string v = flag(f, name);
  if (v.empty()) throw std::invalid_argument("--" + name + " is required, e.g. --" + name + " " + example);
  return v;
}

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::unique_ptr<HttpTransport> make_transport(const std::string& server) {
  return std::make_unique<HttpTransport>(server, env_or("MLFLOW_TRACKING_USERNAME", ""), env_or("MLFLOW_TRACKING_PASSWORD", ""));
}

}  // namespace

int sync_command(const std::map<std::string, std::string>& flags) {
  const std::string server = required(flags, "server", "http://127.0.0.1:5000");
  const std::filesystem::path root = flag(flags, "store", "mlruns");
  if (!std::filesystem::exists(root / "0") && !std::filesystem::exists(root))
    throw std::invalid_argument("there is no store at '" + root.string() + "'; give the folder of your runs with --store DIR");
  double retry_for = std::stod(flag(flags, "retry-for", "60"));
  SystemClock clock;
  FileStore store(root, clock);
  auto transport = make_transport(server);

  // Remote experiment name -> the local experiments whose runs go there.
  std::map<std::string, std::vector<std::string>> targets;
  for (const Experiment& e : store.list_experiments(ViewType::ActiveOnly))
    targets[flag(flags, "experiment", e.name)].push_back(e.experiment_id);

  json report = {{"server", server}, {"experiments", json::array()}};
  bool all_ok = true;
  std::string problem;
  for (const auto& [name, local_ids] : targets) {
    FileJournal file(outbox_path(root, server, name));
    Outbox outbox(file);
    SyncEngine engine(store, outbox, {server, name, flag(flags, "user")});
    size_t queued = 0;
    for (const auto& id : local_ids) queued += engine.enqueue_changed(id);
    const size_t to_send = engine.pending();
    std::cerr << "lab sync: " << to_send << " run(s) to send to experiment '" << name << "' at " << server
              << (to_send > queued ? " (" + std::to_string(to_send - queued) + " resumed from the outbox)" : "") << "\n";
    DrainOptions o;
    o.give_up_after_ms = int64_t(retry_for * 1000);
    o.now_ms = steady_ms;
    o.sleep_ms = [](int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
    std::string last_logged;
    o.log = [&](const std::string& line) {
      if (line != last_logged) std::cerr << "lab sync: " << line << "\n";
      last_logged = line;
    };
    DrainReport rep = drain(engine, *transport, o);
    json problems = json::array();
    for (const auto& id : local_ids)
      for (const RunInfo& info : store.list_runs(id, ViewType::All)) {
        RunSyncView v = engine.view(info);
        if (v.state != RunState::Failed && v.state != RunState::Pending) continue;
        // Runs behind the one that met the problem wait for the same reason.
        std::string reason = !v.reason.empty() ? v.reason : rep.problem.empty() ? "not sent yet" : "not sent yet: " + rep.problem;
        problems.push_back({{"run_id", info.run_id}, {"run_name", info.run_name}, {"state", to_string(v.state)}, {"reason", reason}});
      }
    // Registered models, versions, stages and aliases of runs that are up (once per store: into
    // the first experiment's outbox, which maps their runs).
    size_t versions_waiting = 0;
    if (!rep.stopped && name == targets.begin()->first) {
      RegistrySync registry(RegistryStore(root).load_all(), outbox, {server, name, flag(flags, "user")});
      while (auto rq = registry.next()) {
        registry.receive(transport->send(*rq));
        if (registry.last_error().scope == ErrorScope::Retry) {
          std::this_thread::sleep_for(std::chrono::milliseconds(500));
          if (++rep.retries > 20) break;
        }
      }
      for (const auto& p : registry.problems()) problems.push_back({{"model", true}, {"state", "failed"}, {"reason", p}});
      if (registry.stopped()) problems.push_back({{"model", true}, {"state", "pending"}, {"reason", registry.last_error().message}});
      versions_waiting = registry.waiting_for_runs();
    }
    if (engine.pending() == 0) outbox.compact();
    json e = {{"name", name}, {"synced", engine.finished_now()}, {"failed", engine.failed_now()},
              {"pending", engine.pending()}, {"model_versions_waiting", versions_waiting}, {"requests", rep.requests}, {"retries", rep.retries}, {"problems", problems}};
    report["experiments"].push_back(e);
    if (!problems.empty() || rep.stopped || rep.gave_up) {
      all_ok = false;
      if (problem.empty()) problem = !rep.problem.empty() ? rep.problem : problems[0].value("reason", "");
    }
    if (rep.stopped) break;  // the same problem would stop every experiment
  }
  report["ok"] = all_ok;
  if (!all_ok) {
    report["error"] = problem + " (nothing local was changed; run lab sync again to send the rest)";
    std::cerr << "lab sync: " << report["error"].get<std::string>() << "\n";
  }
  std::cout << report.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return all_ok ? 0 : 1;
}

int room_command(const std::map<std::string, std::string>& flags, bool as_json) {
  const std::string server = required(flags, "server", "http://127.0.0.1:5000");
  const std::string name = required(flags, "experiment", "\"churn lab\"");
  const int page_size = std::stoi(flag(flags, "page-size", "1000"));
  auto transport = make_transport(server);
  // The same planner the tab's Room view uses (commands/sync/room_fetch.hpp), sent blocking.
  RoomFetch fetch;
  SyncSettings target;
  target.url = server;
  target.experiment = name;
  fetch.start(target, name, page_size);
  while (auto rq = fetch.next()) fetch.receive(transport->send(*rq), 0);
  const RoomSnapshot& room = fetch.snapshot();
  if (room.state == "failed") {
    if (room.error.find("no experiment named") != std::string::npos)
      throw std::invalid_argument(room.error + " (lab sync --experiment \"" + name + "\")");
    throw std::runtime_error(room.error);
  }
  const std::string& exp_id = room.experiment_id;
  const std::vector<RemoteRun>& runs = room.runs;
  const int pages = room.pages;
  const std::string metric = flag(flags, "metric", default_metric(runs));
  auto rows = leaderboard(runs, metric);
  if (as_json) {
    json out = {{"ok", true}, {"experiment", name}, {"experiment_id", exp_id}, {"metric", metric},
                {"order", lower_is_better(metric) ? "lower is better" : "higher is better"},
                {"pages", pages}, {"runs", json::array()}};
    for (const auto& r : rows) {
      json j = {{"rank", r.rank}, {"run_id", r.run->run_id}, {"run_name", r.run->run_name}, {"user", r.run->user},
                {"status", r.run->status}, {"lab_run_id", r.run->lab_run_id}, {"source", r.run->source}};
      j["value"] = r.value ? json(*r.value) : json(nullptr);
      out["runs"].push_back(j);
    }
    std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return 0;
  }
  std::cout << "Room: experiment '" << name << "' at " << server << ", " << runs.size() << " run(s), ranked by "
            << (metric.empty() ? "(no metric yet)" : metric) << " (" << (lower_is_better(metric) ? "lower" : "higher")
            << " is better)\n";
  std::printf("%4s  %-28s  %-16s  %12s  %s\n", "rank", "run", "who", metric.substr(0, 12).c_str(), "status");
  for (const auto& r : rows) {
    char value[32] = "-";
    if (r.value) std::snprintf(value, sizeof value, "%.4f", *r.value);
    std::printf("%4s  %-28s  %-16s  %12s  %s\n", r.rank ? std::to_string(r.rank).c_str() : "-",
                r.run->run_name.substr(0, 28).c_str(), r.run->user.substr(0, 16).c_str(), value, r.run->status.c_str());
  }
  return 0;
}

}  // namespace lab
