// The training runner (src/commands/train_runner.*) and the session's bounded units of work:
// paced frame by frame (slow motion or a time budget) or looped to the end, a run gives the
// same model; each unit is small; a run start and a training step are one store write each.
#include <catch2/catch.hpp>

#include "support/session_fixture.hpp"

using labtest::SessionFixture;
using nlohmann::json;

namespace {

struct RunOutput {
  std::string model, predictions, metrics;
};

// Trains the same request on a fresh session, driving it with `drive`, and returns what was saved.
template <class Drive>
RunOutput train_with(const std::string& name, const json& start, Drive drive) {
  SessionFixture f(name, 11);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 3000}, {"seed", 5}});
  json started = start;
  started["cmd"] = "train.start";
  std::string run_id = f.ok(started)["run_id"];
  drive(f);
  json status = f.ok({{"cmd", "train.status"}});
  REQUIRE(status["state"] == "done");
  return {f.session.store().read_artifact(run_id, "model/model.json"),
          f.session.store().read_artifact(run_id, "eval/test_predictions.json"), status["metrics"].dump()};
}

}  // namespace

TEST_CASE("paced frame by frame or run to the end, the same seed gives the same model") {
  for (const json& req : {json{{"algo", "logistic_regression"}, {"seed", 3}},
                          json{{"algo", "hist_gbdt"}, {"seed", 4}, {"params", {{"n_estimators", 20}}}},
                          json{{"algo", "random_forest"}, {"seed", 5}, {"params", {{"n_estimators", 8}}}}}) {
    INFO(req.dump());
    RunOutput looped = train_with("runner_loop", req, [](SessionFixture& f) { f.session.runner().run_to_end(); });
    RunOutput slow = train_with("runner_slow", req, [](SessionFixture& f) {
      f.ok({{"cmd", "train.pace"}, {"slow_motion", true}});
      int frames = 0;
      while (f.ok({{"cmd", "train.frame"}})["state"] == "running") ++frames;
      CHECK(frames > 3);
    });
    RunOutput budget = train_with("runner_budget", req, [](SessionFixture& f) {
      f.ok({{"cmd", "train.pace"}, {"slow_motion", false}, {"frame_budget_ms", 1}});
      while (f.ok({{"cmd", "train.frame"}})["state"] == "running") {
      }
    });
    CHECK(slow.model == looped.model);
    CHECK(budget.model == looped.model);
    CHECK(slow.predictions == looped.predictions);
    CHECK(budget.predictions == looped.predictions);
    CHECK(slow.metrics == looped.metrics);
  }
}

TEST_CASE("slow motion takes at most one fit step per frame; preparation and finishing are their own units") {
  SessionFixture f("runner_units", 12);
  // More rows than one transform chunk, so preparation takes several units.
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 2 * int(lab::TrainJob::kRowChunk) + 500}, {"seed", 1}});
  f.ok({{"cmd", "train.start"}, {"algo", "logistic_regression"}});
  f.ok({{"cmd", "train.pace"}, {"slow_motion", true}});
  std::set<std::string> phases;
  size_t points = 0;
  for (int frame = 0; frame < 10000; ++frame) {
    json r = f.ok({{"cmd", "train.frame"}});
    json st = f.ok({{"cmd", "train.status"}});
    size_t now = st["train_loss"].size();
    CHECK(now - points <= 1);
    points = now;
    phases.insert(st["phase"].get<std::string>());
    if (r["state"] != "running") break;
  }
  CHECK(f.session.training().state == lab::TrainState::Done);
  CHECK(phases.count("fitting") == 1);
  CHECK(phases.count("done") == 1);
  // The whole job was cut up: preparation's transforms in chunks, each artifact on its own.
  const auto& longest = f.session.runner().longest_unit();
  CHECK(longest.units > int(points) + 8);
}

TEST_CASE("a run start is one store write, and so is each training step") {
  SessionFixture f("runner_writes", 13);
  int writes = 0;
  f.session.set_on_store_write([&] { ++writes; });
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 1000}, {"seed", 2}});
  CHECK(writes == 1);  // the dataset journal (the current dataset is kept across reloads)
  const int after_data = writes;
  f.ok({{"cmd", "train.start"}, {"algo", "logistic_regression"}, {"run_name", "counted"},
        {"features", {{"scale", "standard"}}}});
  CHECK(writes - after_data == 1);  // run folder, params, tags and dataset input: one batched write
  lab::Run run = f.session.store().get_run(f.session.training().run_id);
  CHECK(run.params.at("algo") == "logistic_regression");
  CHECK(run.params.count("features") == 1);
  CHECK(run.tags.at("mlflow.runName") == "counted");
  CHECK(run.tags.count("mlflow.user") == 1);
  CHECK(run.tags.at("mlflow.source.name") == "mlops-lab");
  CHECK(run.tags.at("mlflow.source.type") == "LOCAL");
  CHECK(run.inputs.size() == 1);
  int fit_steps = 0;
  while (f.session.training().state == lab::TrainState::Running) {
    const int before = writes;
    std::optional<lab::TrainUnit> u = f.session.advance_training();
    REQUIRE(u);
    if (u->fit) {
      ++fit_steps;
      CHECK(writes - before == 1);  // train_loss and val_loss together
    }
  }
  CHECK(fit_steps > 1);
  run = f.session.store().get_run(run.info.run_id);
  CHECK(run.metrics.at("train_loss").size() == size_t(fit_steps));
  CHECK(run.metrics.at("val_loss").size() == size_t(fit_steps));
}

TEST_CASE("the run count does not reread the training run while it logs steps") {
  SessionFixture f("runner_count", 14);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 1000}, {"seed", 2}});
  f.ok({{"cmd", "train.run"}});
  f.ok({{"cmd", "train.start"}});
  CHECK(f.session.run_count() == 2);
  const size_t reads = f.session.run_cache().run_reads();
  for (int i = 0; i < 5; ++i) {
    f.session.step_training(1);
    CHECK(f.session.run_count() == 2);
  }
  CHECK(f.session.run_cache().run_reads() == reads);
  f.session.runner().run_to_end();
  CHECK(f.session.runs().size() == 2);  // the explorer's list still refreshes
  CHECK(f.session.run_cache().run_reads() > reads);
}

TEST_CASE("a large model and the test predictions are saved a bounded piece per unit, appended to one file") {
  SessionFixture f("runner_pieces", 15);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 50000}, {"seed", 3}});
  const std::string run_id =
      f.ok({{"cmd", "train.start"}, {"algo", "random_forest"}, {"params", {{"n_estimators", 2}}}})["run_id"];
  int model_units = 0, prediction_units = 0;
  while (f.session.training().state == lab::TrainState::Running) {
    std::optional<lab::TrainUnit> u = f.session.advance_training();
    REQUIRE(u);
    model_units += u->what.rfind("save the model", 0) == 0;
    prediction_units += u->what.rfind("save the test predictions", 0) == 0;
  }
  CHECK(model_units > 4);       // two deep trees of thousands of nodes, 16384 numbers a piece
  CHECK(prediction_units == 2);  // 10,000 labels and 10,000 scores
  // The pieces make the text dump() writes at once (the pieces' own test compares bytes).
  const std::string model = f.session.store().read_artifact(run_id, "model/model.json");
  CHECK(model == json::parse(model).dump(2));
  const std::string predictions = f.session.store().read_artifact(run_id, "eval/test_predictions.json");
  CHECK(predictions == json::parse(predictions).dump());
  CHECK(json::parse(predictions)["y"].size() == 10000);
}
