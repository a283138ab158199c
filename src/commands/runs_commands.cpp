#include <cmath>
#include <limits>

#include "commands/command_areas.hpp"
#include "commands/interrupted_runs.hpp"
#include "commands/json_args.hpp"
#include "core/track/search_filter.hpp"

namespace lab {

using nlohmann::json;

namespace {

json number_json(double v) {
  // JSON has no NaN/Infinity: send them the way MLflow's REST API does.
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return v;
}

json run_summary(const Run& r) {
  json metrics = json::object();
  for (const auto& [k, hist] : r.metrics)
    if (const MetricPoint* p = r.latest(k)) metrics[k] = number_json(p->value);
  json datasets = json::array();
  for (const auto& in : r.inputs) {
    auto ctx = in.tags.find(kTagDataContext);
    datasets.push_back({{"name", in.dataset.name}, {"digest", in.dataset.digest},
                        {"context", ctx == in.tags.end() ? "" : ctx->second}});
  }
  return {{"run_id", r.info.run_id},
          {"run_name", r.info.run_name},
          {"experiment_id", r.info.experiment_id},
          {"status", to_string(r.info.status)},
          {"lifecycle_stage", r.info.lifecycle_stage},
          {"start_time", r.info.start_time},
          {"end_time", r.info.end_time < 0 ? json(nullptr) : json(r.info.end_time)},
          {"params", r.params},
          {"metrics", metrics},
          {"tags", r.tags},
          {"datasets", datasets}};
}

std::vector<std::string> id_list(const json& a) {
  std::vector<std::string> ids;
  if (a.contains("run_ids")) {
    if (!a["run_ids"].is_array()) throw std::invalid_argument("field 'run_ids' must be a list of run ids");
    for (const auto& v : a["run_ids"]) {
      if (!v.is_string()) throw std::invalid_argument("field 'run_ids' must be a list of run ids");
      ids.push_back(v.get<std::string>());
    }
  } else {
    ids.push_back(args::required_str(a, "run_id"));
  }
  return ids;
}

double metric_value(const json& v, const std::string& key) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
  }
  throw std::invalid_argument("metric '" + key + "' value must be a number (or \"NaN\", \"Infinity\"), got " + v.dump());
}

// {k: v} or [{key, value}] -> pairs; numbers are turned into text as params always are.
std::vector<std::pair<std::string, std::string>> key_values(const json& a, const char* field) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!a.contains(field) || a[field].is_null()) return out;
  auto text = [](const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  const json& f = a[field];
  if (f.is_object()) {
    for (auto it = f.begin(); it != f.end(); ++it) out.push_back({it.key(), text(it.value())});
  } else if (f.is_array()) {
    for (const auto& e : f) {
      if (!e.is_object() || !e.contains("key") || !e["key"].is_string() || !e.contains("value"))
        throw std::invalid_argument(std::string("each entry of '") + field + "' needs a string 'key' and a 'value'");
      out.push_back({e["key"].get<std::string>(), text(e["value"])});
    }
  } else {
    throw std::invalid_argument(std::string("field '") + field + "' must be an object {key: value} or a list of {key, value}");
  }
  return out;
}

std::vector<OrderKey> order_keys(const json& a) {
  std::vector<OrderKey> keys;
  if (!a.contains("order_by") || a["order_by"].is_null()) return keys;
  const json& o = a["order_by"];
  if (o.is_string()) keys.push_back(parse_order_by(o.get<std::string>()));
  else if (o.is_array())
    for (const auto& v : o) {
      if (!v.is_string()) throw std::invalid_argument("order_by entries must be strings like \"metrics.auc DESC\"");
      keys.push_back(parse_order_by(v.get<std::string>()));
    }
  else throw std::invalid_argument("order_by must be a string or a list of strings like \"metrics.auc DESC\"");
  return keys;
}

json search(const Session& s, const json& a) {
  std::string filter_text = args::str(a, "filter", "");
  RunFilter filter;
  try {
    filter = parse_run_filter(filter_text);
  } catch (const FilterError& e) {
    throw std::invalid_argument(describe_filter_error(filter_text, e));
  }
  ViewType view = view_type_from_string(args::str(a, "view", "active_only"));
  int64_t max_results = args::integer(a, "max_results", 50000);
  if (max_results < 1 || max_results > 50000) throw std::invalid_argument("max_results must be between 1 and 50000");
  std::vector<const Run*> runs;
  if (view != ViewType::DeletedOnly)
    for (const auto& r : s.runs()) if (filter.matches(r)) runs.push_back(&r);
  if (view != ViewType::ActiveOnly)
    for (const auto& r : s.deleted_runs()) if (filter.matches(r)) runs.push_back(&r);
  json out = json::array();
  for (size_t i : sorted_order(runs, order_keys(a))) {
    if (int64_t(out.size()) >= max_results) break;
    out.push_back(run_summary(*runs[i]));
  }
  return json{{"runs", out}, {"experiment_id", s.experiment_id()}};
}

}  // namespace

void register_runs_commands(Dispatcher& d, Session& s) {
  d.add("runs.list", "runs of the selected experiment, newest first: {filter?, order_by?, view?, max_results?}",
        [&s](const json& a) { return search(s, a); });
  d.add("runs.search",
        "MLflow search syntax: {filter: \"metrics.auc > 0.9 and params.algo = 'gbdt'\", order_by: [\"metrics.auc DESC\"], "
        "view: active_only | deleted_only | all}",
        [&s](const json& a) { return search(s, a); });
  d.add("runs.get", "one run with full metric histories: {run_id}", [&s](const json& a) {
    Run r = s.store().get_run(args::required_str(a, "run_id"));
    json j = run_summary(r);
    json hist = json::object();
    for (const auto& [k, points] : r.metrics) {
      json arr = json::array();
      for (const auto& p : points) arr.push_back({{"step", p.step}, {"value", number_json(p.value)}, {"timestamp", p.timestamp}});
      hist[k] = arr;
    }
    j["history"] = hist;
    return j;
  });
  d.add("runs.create", "start a run for manual logging: {run_name, experiment_id?, start_time?, tags?}", [&s](const json& a) {
    std::string exp = args::str(a, "experiment_id", s.experiment_id());
    std::string id = s.new_run_id();
    std::string name = args::str(a, "run_name", "run-" + id.substr(0, 6));
    std::optional<int64_t> start;
    if (a.contains("start_time")) start = args::integer(a, "start_time", 0);
    LogBatch b;
    b.tags = key_values(a, "tags");
    validate_batch(b);
    s.store().create_run(exp, id, name, s.user(), start);
    b.tags.insert(b.tags.begin(), {kTagSourceName, "mlops-lab"});
    b.tags.insert(b.tags.begin() + 1, {kTagSourceType, "LOCAL"});
    s.store().log_batch(id, b);
    return json{{"run_id", id}, {"run_name", name}, {"experiment_id", exp}};
  });
  d.add("runs.log_batch",
        "{run_id, metrics: [{key, value, step?, timestamp?}], params: {k: v}, tags: {k: v}} with MLflow's limits "
        "(1000 metrics, 100 params, 100 tags)",
        [&s](const json& a) {
          std::string id = args::required_str(a, "run_id");
          LogBatch b;
          b.params = key_values(a, "params");
          b.tags = key_values(a, "tags");
          if (a.contains("metrics")) {
            if (!a["metrics"].is_array()) throw std::invalid_argument("field 'metrics' must be a list of {key, value, step}");
            int64_t now = s.store().now_ms();
            for (const auto& m : a["metrics"]) {
              if (!m.is_object()) throw std::invalid_argument("each metric must be an object {key, value, step}");
              LoggedMetric lm;
              lm.key = args::required_str(m, "key");
              if (!m.contains("value")) throw std::invalid_argument("metric '" + lm.key + "' needs a value");
              lm.value = metric_value(m["value"], lm.key);
              lm.step = args::integer(m, "step", 0);
              lm.timestamp = args::integer(m, "timestamp", now);
              b.metrics.push_back(std::move(lm));
            }
          }
          s.store().log_batch(id, b);
          return json{{"metrics", b.metrics.size()}, {"params", b.params.size()}, {"tags", b.tags.size()}};
        });
  d.add("runs.end", "{run_id, status?: FINISHED | FAILED | KILLED, end_time?}", [&s](const json& a) {
    std::optional<int64_t> end;
    if (a.contains("end_time")) end = args::integer(a, "end_time", 0);
    s.store().end_run(args::required_str(a, "run_id"), run_status_from_string(args::str(a, "status", "FINISHED")), end);
    return json::object();
  });
  d.add("runs.end_interrupted",
        "the tab's start: runs a reloaded or closed page left RUNNING end as KILLED, with a note -> {ended: [run_id]}",
        [&s](const json&) { return json{{"ended", end_interrupted_runs(s)}}; });
  d.add("runs.delete", "mark runs deleted (restorable): {run_id} or {run_ids: [...]}", [&s](const json& a) {
    auto ids = id_list(a);
    for (const auto& id : ids) s.store().get_run_info(id);  // all known before changing any
    for (const auto& id : ids) s.store().delete_run(id);
    return json{{"deleted", ids.size()}};
  });
  d.add("runs.restore", "undo runs.delete: {run_id} or {run_ids: [...]}", [&s](const json& a) {
    auto ids = id_list(a);
    for (const auto& id : ids) s.store().get_run_info(id);
    for (const auto& id : ids) s.store().restore_run(id);
    return json{{"restored", ids.size()}};
  });
  d.add("runs.rename", "{run_id, name}", [&s](const json& a) {
    s.store().rename_run(args::required_str(a, "run_id"), args::required_str(a, "name"));
    return json::object();
  });
  d.add("runs.note", "set a run's description (mlflow.note.content): {run_id, text}", [&s](const json& a) {
    s.store().set_note(args::required_str(a, "run_id"), args::str(a, "text", ""));
    return json::object();
  });
  d.add("runs.set_tag", "{run_id, key, value}", [&s](const json& a) {
    s.store().set_tag(args::required_str(a, "run_id"), args::required_str(a, "key"), args::str(a, "value", ""));
    return json::object();
  });
}

}  // namespace lab
