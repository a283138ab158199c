// The sync planner against scripted answers: the request sequence MLflow expects, and what a
// restarted process does after dying between a request and its answer (no second runs/create,
// no metric point twice). The same paths run against a real MLflow in tests/cli/sync_*.test.mjs.
#include <catch2/catch.hpp>

#include "io/sync/sync_engine.hpp"
#include "support/temp_store.hpp"

using namespace lab;
using namespace lab::sync;
using nlohmann::json;

namespace {

HttpResponse ok(const json& body) { return {200, body.dump(), "", ""}; }

struct Fixture {
  FixedClock clock;
  FileStore store{labtest::fresh_store("lab-sync-engine"), clock};
  std::string run_id = "0123456789abcdef0123456789abcdef";
  Fixture() {
    store.ensure_default_experiment();
    store.create_run("0", run_id, "logreg", "ana");
    store.log_param(run_id, "C", "0.5");
    for (int s = 0; s < 1500; ++s) store.log_metric(run_id, "loss", 1.0 / (s + 1), s);
    store.write_artifact(run_id, "model/model.json", "{\"w\": [1, 2]}");
    store.end_run(run_id, RunStatus::Finished);
  }
};

}  // namespace

TEST_CASE("a sync interrupted at runs/create and at a log-batch resumes without duplicates", "[sync]") {
  Fixture f;
  MemoryJournalFile journal;
  const std::string remote = "feedfacefeedfacefeedfacefeedface";
  {
    Outbox outbox(journal);
    SyncEngine e(f.store, outbox, {"http://m:5000", "churn lab", "ana"});
    CHECK(e.enqueue_changed("0") == 1);
    auto rq = e.next();
    REQUIRE(rq);
    CHECK(rq->path == "/api/2.0/mlflow/experiments/search");
    CHECK(json::parse(rq->body)["filter"] == "name = 'churn lab'");
    e.receive(ok(json::object()));  // MLflow's answer when nothing matches
    rq = e.next();
    CHECK(rq->path == "/api/2.0/mlflow/experiments/create");
    e.receive(ok({{"experiment_id", "8"}}));
    rq = e.next();  // read back the one everybody agrees on: another client created "5" first
    CHECK(rq->path == "/api/2.0/mlflow/experiments/search");
    e.receive(ok({{"experiments", {{{"experiment_id", "5"}, {"name", "churn lab"}, {"lifecycle_stage", "active"}},
                                   {{"experiment_id", "8"}, {"name", "churn lab"}, {"lifecycle_stage", "active"}}}}}));
    rq = e.next();
    REQUIRE(rq->path == "/api/2.0/mlflow/runs/create");
    json body = json::parse(rq->body);
    CHECK(body["experiment_id"] == "5");
    CHECK(body["run_name"] == "logreg");
    CHECK(body["tags"].dump().find(f.run_id) != std::string::npos);
    // The process dies here: runs/create may or may not have reached the server.
  }
  {
    Outbox outbox(journal);
    SyncEngine e(f.store, outbox, {"http://m:5000", "churn lab", "ana"});
    CHECK(e.enqueue_changed("0") == 0);  // still queued
    auto rq = e.next();
    REQUIRE(rq->path == "/api/2.0/mlflow/runs/search");  // look before creating another
    CHECK(json::parse(rq->body)["filter"] == "tags.`lab.run_id` = '" + f.run_id + "'");
    e.receive(ok({{"runs", {{{"info", {{"run_id", remote}, {"experiment_id", "5"},
                                        {"artifact_uri", "mlflow-artifacts:/5/" + remote + "/artifacts"}}},
                             {"data", {{"tags", {{{"key", "lab.run_id"}, {"value", f.run_id}}}}}}}}}}));
    // The step made lasting before runs/create covers the whole push (one IndexedDB commit in the
    // tab, not one per batch), so after a crash anywhere in it the metrics are counted first.
    rq = e.next();
    REQUIRE(rq->path == "/api/2.0/mlflow/metrics/get-history?run_id=" + remote + "&metric_key=loss");
    e.receive(ok(json::object()));  // none arrived
    rq = e.next();
    REQUIRE(rq->path == "/api/2.0/mlflow/runs/log-batch");
    json b1 = json::parse(rq->body);
    CHECK(b1["run_id"] == remote);
    CHECK(b1["params"].size() == 1);
    size_t first = b1["metrics"].size();
    CHECK(first + b1["params"].size() + b1["tags"].size() == 1000);
    e.receive(ok(json::object()));
    rq = e.next();
    REQUIRE(rq->path == "/api/2.0/mlflow/runs/log-batch");
    CHECK(json::parse(rq->body)["metrics"].size() == 1500 - first);
    // Dies again: this batch's answer is lost.
  }
  Outbox outbox(journal);
  SyncEngine e(f.store, outbox, {"http://m:5000", "churn lab", "ana"});
  auto rq = e.next();
  REQUIRE(rq->path == "/api/2.0/mlflow/metrics/get-history?run_id=" + remote + "&metric_key=loss");
  json history = json::array();
  for (int s = 0; s < 1500; ++s) history.push_back({{"key", "loss"}, {"step", s}});
  e.receive(ok({{"metrics", history}}));  // the lost batch did arrive: nothing more to send
  rq = e.next();
  REQUIRE(rq->path == "/api/2.0/mlflow/runs/log-batch");  // params and tags again (idempotent)
  CHECK(json::parse(rq->body)["metrics"].empty());
  e.receive(ok(json::object()));
  rq = e.next();
  REQUIRE(rq->method == "PUT");
  CHECK(rq->path == "/api/2.0/mlflow-artifacts/artifacts/5/" + remote + "/artifacts/model/model.json");
  CHECK(rq->body == "{\"w\": [1, 2]}");
  e.receive(ok(json::object()));
  rq = e.next();
  REQUIRE(rq->path == "/api/2.0/mlflow/runs/update");
  CHECK(json::parse(rq->body)["status"] == "FINISHED");
  e.receive(ok(json::object()));
  CHECK_FALSE(e.next());
  CHECK(e.pending() == 0);
  CHECK(e.view(f.store.get_run_info(f.run_id)).state == RunState::Synced);
  CHECK(e.enqueue_changed("0") == 0);  // nothing changed since

  // A rename and a delete go up as runs/update and runs/delete.
  f.store.rename_run(f.run_id, "logreg v2");
  f.store.delete_run(f.run_id);
  CHECK(e.enqueue_changed("0") == 1);
  std::vector<std::string> paths;
  while (auto r = e.next()) {
    paths.push_back(r->path);
    if (r->path.find("runs/update") != std::string::npos) CHECK(json::parse(r->body)["run_name"] == "logreg v2");
    e.receive(ok(json::object()));
  }
  REQUIRE(paths.size() == 3);
  CHECK(paths[0] == "/api/2.0/mlflow/runs/log-batch");  // mlflow.runName follows the rename
  CHECK(paths[1] == "/api/2.0/mlflow/runs/update");
  CHECK(paths[2] == "/api/2.0/mlflow/runs/delete");
}

TEST_CASE("a server that is down keeps the run pending with the reason; a 400 fails just that run", "[sync]") {
  Fixture f;
  MemoryJournalFile journal;
  Outbox outbox(journal);
  SyncEngine e(f.store, outbox, {"http://m:5000", "x", ""});
  e.enqueue_changed("0");
  auto rq = e.next();
  e.receive({0, "", "unreachable", "Connection"});
  CHECK(e.last_error().scope == ErrorScope::Retry);
  auto v = e.view(f.store.get_run_info(f.run_id));
  CHECK(v.state == RunState::Pending);
  CHECK(v.reason.find("cannot reach") != std::string::npos);
  CHECK(e.next()->path == rq->path);  // the same request again
  e.receive(ok({{"experiment", {{"experiment_id", "9"}}}}));
  e.next();
  e.receive({400, R"({"error_code":"INVALID_PARAMETER_VALUE","message":"Invalid run name"})", "", ""});
  CHECK(e.pending() == 0);
  CHECK(e.failed_now() == 1);
  v = e.view(f.store.get_run_info(f.run_id));
  CHECK(v.state == RunState::Failed);
  CHECK(v.reason.find("Invalid run name") != std::string::npos);
  CHECK(f.store.get_run(f.run_id).metrics.at("loss").size() == 1500);  // nothing local lost
}

TEST_CASE("an uninterrupted push makes one step lasting before runs/create and none per batch", "[sync]") {
  // The tab waits for an IndexedDB commit before each request that follows a new journal step;
  // a 1,500-point run in two log-batches must cost one such wait, and no history reads.
  Fixture f;
  MemoryJournalFile journal;
  Outbox outbox(journal);
  outbox.record({{"t", "exp"}, {"name", "churn lab"}, {"id", "5"}});
  SyncEngine e(f.store, outbox, {"http://m:5000", "churn lab", "ana"});
  CHECK(e.enqueue_changed("0") == 1);
  const std::string remote = "feedfacefeedfacefeedfacefeedface";
  std::vector<std::string> paths;
  std::vector<size_t> journal_sizes;  // the journal's length when each request was asked for
  for (auto rq = e.next(); rq; rq = e.next()) {
    paths.push_back(rq->path.substr(0, rq->path.find('?')));
    journal_sizes.push_back(journal.lines.size());
    if (rq->path.find("runs/create") != std::string::npos)
      e.receive(ok({{"run", {{"info", {{"run_id", remote}, {"experiment_id", "5"},
                                       {"artifact_uri", "mlflow-artifacts:/5/" + remote + "/artifacts"}}}}}}));
    else
      e.receive(ok(json::object()));
  }
  REQUIRE(paths.size() == 5);
  CHECK(paths[0] == "/api/2.0/mlflow/runs/create");
  CHECK(paths[1] == "/api/2.0/mlflow/runs/log-batch");
  CHECK(paths[2] == "/api/2.0/mlflow/runs/log-batch");
  CHECK(paths[4] == "/api/2.0/mlflow/runs/update");
  size_t sending = 0;
  for (const auto& line : journal.lines) sending += line.find("\"sending\"") != std::string::npos;
  CHECK(sending == 1);
  // The second batch went out after only the first batch's answer was recorded: no new step of its own.
  CHECK(journal.lines[journal_sizes[2] - 1].find("\"sent\"") != std::string::npos);
  CHECK(e.pending() == 0);
}

TEST_CASE("two lanes push two runs at once, each its own run; only the lead looks up the experiment", "[sync]") {
  // The tab pushes with two engines on one outbox (commands/sync/sync_hub.hpp): one run's round
  // trips overlap the other's. Neither may take the other's run, and a client must not look up
  // or create the room's experiment from both lanes at once.
  Fixture f;
  const std::string second = "fedcba9876543210fedcba9876543210";
  f.store.create_run("0", second, "forest", "ana");
  f.store.log_param(second, "trees", "50");
  for (int s = 0; s < 10; ++s) f.store.log_metric(second, "loss", 0.5 / (s + 1), s);
  f.store.end_run(second, RunStatus::Finished);
  MemoryJournalFile journal;
  Outbox outbox(journal);
  SyncEngine lead(f.store, outbox, {"http://m:5000", "churn lab", "ana"}, true);
  SyncEngine other(f.store, outbox, {"http://m:5000", "churn lab", "ana"}, false);
  CHECK(lead.enqueue_changed("0") == 2);

  auto a = lead.next();
  REQUIRE(a);
  CHECK(a->path == "/api/2.0/mlflow/experiments/search");
  CHECK_FALSE(other.next());  // the experiment is not known yet: the second lane waits
  lead.receive(ok({{"experiments", {{{"experiment_id", "5"}, {"name", "churn lab"}, {"lifecycle_stage", "active"}}}}}));

  // Both lanes now create a run each, and not the same one.
  auto create_a = lead.next();
  auto create_b = other.next();
  REQUIRE(create_a);
  REQUIRE(create_b);
  CHECK(create_a->path == "/api/2.0/mlflow/runs/create");
  CHECK(create_b->path == "/api/2.0/mlflow/runs/create");
  const json tags_a = json::parse(create_a->body)["tags"], tags_b = json::parse(create_b->body)["tags"];
  const bool a_is_first = tags_a.dump().find(f.run_id) != std::string::npos;
  CHECK(tags_b.dump().find(a_is_first ? second : f.run_id) != std::string::npos);

  // Answer them interleaved, each lane's run mapped to its own remote run, until both are done.
  std::map<const SyncEngine*, std::string> remote = {{&lead, std::string(32, 'a')}, {&other, std::string(32, 'b')}};
  std::map<std::string, size_t> batches_to;  // remote run id -> log-batches sent to it
  std::optional<HttpRequest> out[2] = {create_a, create_b};
  SyncEngine* lanes[2] = {&lead, &other};
  for (int guard = 0; guard < 50 && (out[0] || out[1]); ++guard) {
    for (int i = 0; i < 2; ++i) {
      if (!out[i]) continue;
      const std::string& r = remote[lanes[i]];
      if (out[i]->path.find("runs/create") != std::string::npos) {
        lanes[i]->receive(ok({{"run", {{"info", {{"run_id", r}, {"experiment_id", "5"},
                                                 {"artifact_uri", "mlflow-artifacts:/5/" + r + "/artifacts"}}}}}}));
      } else {
        if (out[i]->path.find("log-batch") != std::string::npos) {
          const std::string to = json::parse(out[i]->body)["run_id"];
          CHECK(to == r);
          ++batches_to[to];
        }
        lanes[i]->receive(ok(json::object()));
      }
      out[i] = lanes[i]->next();
    }
  }
  CHECK(batches_to.size() == 2);
  CHECK(outbox.pending().empty());
  CHECK(lead.finished_now() + other.finished_now() == 2);
  CHECK(outbox.run(f.run_id)->remote_run_id != outbox.run(second)->remote_run_id);
  CHECK_FALSE(outbox.claim_next());
}
