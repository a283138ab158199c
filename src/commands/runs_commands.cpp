#include "commands/command_areas.hpp"

#include "commands/json_args.hpp"

namespace lab {

using nlohmann::json;

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

}  // namespace

void register_runs_commands(Dispatcher& d, Session& s) {
  d.add("runs.list", "all runs of the default experiment, newest first", [&s](const json&) {
    json out = json::array();
    for (const auto& r : s.runs()) out.push_back(run_summary(r));
    return json{{"runs", out}};
  });
  d.add("runs.get", "one run with full metric histories: {run_id}", [&s](const json& a) {
    Run r = s.store().get_run(args::required_str(a, "run_id"));
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

}  // namespace lab
