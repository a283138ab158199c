// The outbox journal: replayed in order after a restart, a torn last line ignored, compaction
// keeping exactly the state.
#include <catch2/catch.hpp>

#include "core/sync/outbox.hpp"

using namespace lab::sync;

TEST_CASE("the outbox rebuilds queue, mapping and progress from its journal", "[sync]") {
  MemoryJournalFile file;
  {
    Outbox o(file);
    CHECK(o.enqueue("a"));
    CHECK(o.enqueue("b"));
    CHECK_FALSE(o.enqueue("a"));  // already queued
    o.record({{"t", "exp"}, {"name", "room"}, {"id", "7"}});
    o.record({{"t", "creating"}, {"run", "a"}});
    o.record({{"t", "mapped"}, {"run", "a"}, {"remote", "R1"}, {"exp", "7"}, {"artifact_uri", "mlflow-artifacts:/7/R1/artifacts"}});
    o.record({{"t", "sending"}, {"run", "a"}});
    o.record({{"t", "sent"}, {"run", "a"}, {"metrics", {{"loss", 1000}}}});
    o.record({{"t", "sending"}, {"run", "a"}});  // no answer: the process died here
    o.record({{"t", "creating"}, {"run", "b"}});  // and b's runs/create was never answered
  }
  file.lines.push_back("{\"t\":\"sent\",\"run\":\"a\",\"metr");  // torn by the crash
  Outbox o(file);
  CHECK(o.lines_skipped() == 1);
  REQUIRE(o.pending().size() == 2);
  CHECK(o.pending()[0].run_id == "a");
  CHECK(o.experiment_id("room") == "7");
  const RunSyncState* a = o.run("a");
  REQUIRE(a);
  CHECK(a->remote_run_id == "R1");
  CHECK(a->metrics_sent.at("loss") == 1000);
  CHECK(a->uncertain);  // the last batch must be checked before more is sent
  CHECK(o.run("b")->creating);  // b must be searched for before another create
  CHECK(o.run("b")->remote_run_id.empty());

  o.record({{"t", "done"}, {"seq", o.pending()[0].seq}, {"run", "a"}, {"fp", "F"}});
  CHECK(o.pending().size() == 1);
  CHECK(o.run("a")->synced_fp == "F");
}

TEST_CASE("a push's doubt lasts until the server's counts were read or the push ended", "[sync]") {
  // One lasting "sending" step covers every log-batch of a push (the tab waits for an IndexedDB
  // commit per step): answered batches in between must not end the doubt, or a restart would
  // resend a later batch whose answer was lost and MLflow would hold its points twice.
  MemoryJournalFile file;
  Outbox o(file);
  o.enqueue("a");
  o.record({{"t", "sending"}, {"run", "a"}});
  o.record({{"t", "sent"}, {"run", "a"}, {"metrics", {{"loss", 1000}}}});
  CHECK(o.run("a")->uncertain);
  CHECK(Outbox(file).run("a")->uncertain);  // the same after a restart
  o.record({{"t", "sent"}, {"run", "a"}, {"metrics", {{"loss", 1500}}}, {"verified", true}});
  CHECK_FALSE(o.run("a")->uncertain);
  CHECK(o.run("a")->metrics_sent.at("loss") == 1500);
  o.record({{"t", "sending"}, {"run", "a"}});
  o.record({{"t", "done"}, {"seq", o.pending()[0].seq}, {"run", "a"}, {"fp", "F"}});
  CHECK_FALSE(o.run("a")->uncertain);
  CHECK_FALSE(Outbox(file).run("a")->uncertain);
}

TEST_CASE("compaction keeps the state and drops the history", "[sync]") {
  MemoryJournalFile file;
  Outbox o(file);
  for (int i = 0; i < 50; ++i) {
    o.enqueue("a");
    o.record({{"t", "sent"}, {"run", "a"}, {"metrics", {{"loss", i}}}});
    o.record({{"t", "done"}, {"seq", o.pending()[0].seq}, {"run", "a"}, {"fp", "F" + std::to_string(i)}});
  }
  o.record({{"t", "mapped"}, {"run", "a"}, {"remote", "R"}, {"exp", "1"}, {"artifact_uri", ""}, {"stage", "deleted"}});
  o.record({{"t", "artifact"}, {"run", "a"}, {"path", "model/model.json"}, {"size", 12}});
  o.enqueue("b");
  o.record({{"t", "error"}, {"run", "b"}, {"kind", "unreachable"}, {"reason", "down"}});
  o.record({{"t", "model"}, {"name", "churn"}});
  o.record({{"t", "vcreating"}, {"model", "churn"}, {"local", 2}});
  o.record({{"t", "mversion"}, {"model", "churn"}, {"local", 1}, {"remote", "7"}});
  o.record({{"t", "mstage"}, {"model", "churn"}, {"local", 1}, {"stage", "Production"}});
  o.record({{"t", "malias"}, {"model", "churn"}, {"alias", "champion"}, {"local", 1}});
  size_t before = file.lines.size();
  o.compact();
  CHECK(file.lines.size() < before / 10);
  Outbox again(file);
  const RunSyncState* a = again.run("a");
  REQUIRE(a);
  CHECK(a->synced_fp == "F49");
  CHECK(a->metrics_sent.at("loss") == 49);
  CHECK(a->remote_stage == "deleted");
  CHECK(a->artifacts_sent.at("model/model.json") == 12);
  REQUIRE(again.pending().size() == 1);
  CHECK(again.pending()[0].run_id == "b");
  CHECK(again.run("b")->error == "down");
  const ModelSyncState& m = again.models().at("churn");
  CHECK(m.created);
  CHECK(m.versions.at(1).remote_version == "7");
  CHECK(m.versions.at(1).stage == "Production");
  CHECK(m.versions.at(2).creating);  // searched for by its tag before another create
  CHECK(m.aliases.at("champion") == 1);
  // New ops continue after the kept sequence numbers.
  again.enqueue("c");
  CHECK(again.pending()[1].seq > again.pending()[0].seq);
}
