// sync.* and room.*: the tab's side of `lab sync` / `lab room` (same engine, outbox and wording),
// plus the two commands the platform's transport uses to move bytes (sync.next_request,
// sync.deliver). See commands/sync/sync_hub.hpp.
#include <algorithm>

#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"
#include "commands/sync/room_compare.hpp"
#include "core/sync/leaderboard.hpp"

namespace lab {

using nlohmann::json;

namespace {

constexpr size_t kRoomPageRows = 25;

json settings_json(const SyncHub& h) {
  const SyncSettings& s = h.settings();
  return {{"url", s.url.empty() ? h.default_url() : s.url}, {"experiment", s.experiment}, {"user", s.user},
          {"has_password", !s.password.empty()}, {"remember", s.remember}, {"configured", s.configured()}};
}

json status_json(const Session& s) {
  const SyncHub& h = s.sync();
  const SyncProgress& p = h.progress();
  json runs = json::array();
  std::map<std::string, size_t> counts = {{"local only", 0}, {"pending", 0}, {"synced", 0}, {"failed", 0}};
  std::vector<RunInfo> infos;
  for (const Run& r : s.runs()) infos.push_back(r.info);
  for (const Run& r : s.deleted_runs()) infos.push_back(r.info);
  for (const RunInfo& info : infos) {
    sync::RunSyncView v = h.view(info);
    std::string state = v.state == sync::RunState::NotSynced ? "local only" : sync::to_string(v.state);
    ++counts[state];
    runs.push_back({{"run_id", info.run_id}, {"run_name", info.run_name}, {"state", state}, {"reason", v.reason},
                    {"remote_run_id", v.remote_run_id}, {"lifecycle_stage", info.lifecycle_stage}});
  }
  const ConnectionReport& c = h.connection();
  return {{"settings", settings_json(h)},
          {"state", p.state},
          {"error", p.error},
          {"error_kind", p.error_kind},
          {"requests", p.requests},
          {"retries", p.retries},
          {"sent_now", p.runs_sent},
          {"failed_now", p.runs_failed},
          {"queued", h.pending()},
          {"started_ms", p.started_ms},
          {"finished_ms", p.finished_ms},
          {"counts", counts},
          {"runs", runs},
          {"connection", {{"state", c.state}, {"kind", c.kind}, {"message", c.message}, {"version", c.version}}}};
}

json room_json(const Session& s, const std::string& wanted_metric, size_t page) {
  const RoomSnapshot& room = s.sync().room();
  const std::string metric = wanted_metric.empty() ? sync::default_metric(room.runs) : wanted_metric;
  auto rows = sync::leaderboard(room.runs, metric);
  const size_t pages = std::max<size_t>(1, (rows.size() + kRoomPageRows - 1) / kRoomPageRows);
  page = std::min(page, pages - 1);
  json out = {{"state", room.state}, {"error", room.error}, {"experiment", room.experiment}, {"metric", metric},
              {"order", sync::lower_is_better(metric) ? "lower is better" : "higher is better"},
              {"total", room.runs.size()}, {"page", page}, {"pages", pages}, {"rows", json::array()}};
  for (size_t i = page * kRoomPageRows; i < std::min(rows.size(), (page + 1) * kRoomPageRows); ++i) {
    const auto& r = rows[i];
    out["rows"].push_back({{"rank", r.rank}, {"run_id", r.run->run_id}, {"run_name", r.run->run_name}, {"user", r.run->user},
                           {"status", r.run->status}, {"lab_run_id", r.run->lab_run_id}, {"source", r.run->source},
                           {"value", r.value ? json(*r.value) : json(nullptr)}});
  }
  if (!rows.empty() && rows[0].value)
    out["room_best"] = {{"run_name", rows[0].run->run_name}, {"user", rows[0].run->user}, {"value", *rows[0].value},
                        {"params", rows[0].run->params}};
  if (auto mine = my_best_run(s.runs(), metric))
    out["my_best"] = {{"run_id", mine->run->info.run_id}, {"run_name", mine->run->info.run_name}, {"value", mine->value},
                      {"params", mine->run->params}};
  return out;
}

}  // namespace

void register_sync_commands(Dispatcher& d, Session& s) {
  d.add("sync.configure",
        "where to sync: {url, experiment, user?, password?, remember?} (the password is stored only with remember: true)",
        [&s](const json& a) {
          SyncSettings st;
          st.url = args::str(a, "url", s.sync().default_url());
          st.experiment = args::str(a, "experiment", "");
          st.user = args::str(a, "user", "");
          st.password = args::str(a, "password", "");
          st.remember = a.value("remember", false);
          s.sync().configure(st);
          return json{{"settings", settings_json(s.sync())}};
        });
  d.add("sync.test", "test the connection: reachable, MLflow (version), credentials, CORS; the outcome shows in sync.status",
        [&s](const json&) {
          s.sync().start_test();
          return json{{"connection", {{"state", s.sync().connection().state}}}};
        });
  d.add("sync.run", "send every run of the current experiment that changed since it last went up", [&s](const json&) {
    size_t queued = s.sync().start_sync(s.experiment_id());
    return json{{"queued_now", queued}, {"queued", s.sync().pending()}, {"state", s.sync().progress().state}};
  });
  d.add("sync.status", "sync state, counts per run state, the last problem in words, each run's state and the connection test",
        [&s](const json&) { return status_json(s); });
  d.add("sync.set_default_url", "the server address offered before one is configured (the page's own origin): {url}",
        [&s](const json& a) {
          s.sync().set_default_url(args::required_str(a, "url"));
          return json{{"url", s.sync().default_url()}};
        });
  d.add("room.leaderboard",
        "the room's runs from the server ranked by a metric: {experiment?, metric?, page?, refresh?}; loads on first "
        "use or with refresh: true, then answer state loading/ready/failed",
        [&s](const json& a) {
          const std::string exp = args::str(a, "experiment", s.sync().settings().experiment);
          const RoomSnapshot& room = s.sync().room();
          if (a.value("refresh", false) || room.state == "idle" || room.experiment != exp) s.sync().start_room(exp);
          return room_json(s, args::str(a, "metric", ""), size_t(std::max<int64_t>(0, args::integer(a, "page", 0))));
        });
  // The transport's two commands: the platform only moves bytes.
  d.add("sync.next_request", "transport: the next HTTP exchange to send ({request: null} when none)", [&s](const json&) {
    auto rq = s.sync().next_request();
    if (!rq) return json{{"request", nullptr}};
    return json{{"request",
                 {{"id", rq->id}, {"method", rq->method}, {"url", rq->url}, {"body", rq->body},
                  {"content_type", rq->content_type}, {"authorization", rq->authorization},
                  {"durable_first", rq->durable_first}, {"durable_paths", rq->durable_paths}}}};
  });
  d.add("sync.deliver", "transport: the answer to a request {id, status, body, failure?, failure_detail?}", [&s](const json& a) {
    sync::HttpResponse r;
    r.status = int(args::integer(a, "status", 0));
    r.body = args::str(a, "body", "");
    r.failure = args::str(a, "failure", "");
    r.failure_detail = args::str(a, "failure_detail", "");
    s.sync().deliver(uint64_t(args::integer(a, "id", 0)), r);
    return json{{"state", s.sync().progress().state}};
  });
}

}  // namespace lab
