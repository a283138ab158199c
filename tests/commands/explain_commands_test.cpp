// explain.row / explain.whatif / explain.importance through the dispatcher, on the churn lab's
// data: the waterfall adds up to the model's own prediction, a fiber customer moved to DSL is
// less likely to churn, and bad requests say what was wrong.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "support/session_fixture.hpp"

using nlohmann::json;

namespace {

struct ChurnRuns : labtest::SessionFixture {
  std::string gbdt, lr, knn;
  ChurnRuns() : SessionFixture("lab_explain_cmds", 5) {
    ok({{"cmd", "data.generate"}, {"dataset", "churn"}, {"rows", 1500}, {"seed", 3}});
    gbdt = ok({{"cmd", "train.run"}, {"algo", "hist_gbdt"}, {"params", {{"n_estimators", 40}, {"max_depth", 4}}}})["run_id"];
    clock.t += 10;
    lr = ok({{"cmd", "train.run"}, {"algo", "logistic_regression"}})["run_id"];
    clock.t += 10;
    knn = ok({{"cmd", "train.run"}, {"algo", "knn"}})["run_id"];
  }
  // The first held-out customer with fiber-optic internet.
  int fiber_row(const std::string& run) {
    for (int row = 0; row < 300; ++row)
      if (ok({{"cmd", "explain.row"}, {"run_id", run}, {"row", row}})["record"]["InternetService"] == "Fiber optic") return row;
    FAIL("no fiber customer among the held-out rows");
    return -1;
  }
};

double sum_steps(const json& e) {
  double total = e["base"].get<double>();
  for (const auto& f : e["effects"]) total += f["step"].get<double>();
  return total;
}

}  // namespace

TEST_CASE("explain.row: a boosted model's waterfall adds up to its probability, on the participant's columns", "[explain]") {
  ChurnRuns f;
  const json e = f.ok({{"cmd", "explain.row"}, {"run_id", f.gbdt}, {"row", 0}});
  CHECK(e["method"] == "shap");
  CHECK(e["raw_scale"] == "log-odds");
  const double p = e["prediction"]["probability"].get<double>();
  CHECK(std::fabs(e["output"].get<double>() - p) < 1e-9);
  CHECK(std::fabs(sum_steps(e) - p) < 1e-9);
  double raw = e["raw_base"].get<double>();
  for (const auto& x : e["effects"]) raw += x["contribution"].get<double>();
  CHECK(std::fabs(raw - e["raw_output"].get<double>()) < 1e-9);
  // One effect per input column (one-hot groups folded), never "InternetService=DSL".
  CHECK(e["effects"].size() == e["record"].size());
  for (const auto& x : e["effects"]) CHECK(x["feature"].get<std::string>().find('=') == std::string::npos);
  CHECK(e["answer"] == "probability of Churn = Yes");
  REQUIRE(!e["sentences"].empty());
  CHECK(e["sentences"][0].get<std::string>().find(" the probability of Churn = Yes by ") != std::string::npos);
}

TEST_CASE("explain.whatif: a fiber customer switched to DSL is less likely to churn", "[explain]") {
  ChurnRuns f;
  for (const std::string& run : {f.gbdt, f.lr}) {
    const int row = f.fiber_row(run);
    const json w = f.ok({{"cmd", "explain.whatif"}, {"run_id", run}, {"row", row}, {"overrides", {{"InternetService", "DSL"}}}});
    INFO(run << " row " << row);
    CHECK(w["record"]["InternetService"] == "DSL");
    CHECK(w["output"].get<double>() < w["original"]["output"].get<double>());
    CHECK(std::fabs(sum_steps(w) - w["prediction"]["probability"].get<double>()) < 1e-9);
    CHECK(w["warnings"].empty());
  }
  const json lin = f.ok({{"cmd", "explain.row"}, {"run_id", f.lr}, {"row", 0}, {"method", "linear"}});
  CHECK(std::fabs(sum_steps(lin) - lin["prediction"]["probability"].get<double>()) < 1e-9);
}

TEST_CASE("explain commands: bad input gets a clear message and nothing changes", "[explain]") {
  ChurnRuns f;
  CHECK_THAT(f.error({{"cmd", "explain.row"}, {"run_id", f.gbdt}, {"row", 100000}}),
             Catch::Contains("out of range") && Catch::Contains("held-out rows, numbered 0 to"));
  CHECK_THAT(f.error({{"cmd", "explain.whatif"}, {"run_id", f.gbdt}, {"row", 0}, {"overrides", {{"Colour", "red"}}}}),
             Catch::Contains("unknown feature 'Colour'") && Catch::Contains("tenure"));
  CHECK_THAT(f.error({{"cmd", "explain.whatif"}, {"run_id", f.gbdt}, {"row", 0}, {"overrides", {{"InternetService", "Cable"}}}}),
             Catch::Contains("InternetService"));
  // Implausible but valid: explained, with a warning.
  const json far = f.ok({{"cmd", "explain.whatif"}, {"run_id", f.gbdt}, {"row", 0}, {"overrides", {{"tenure", 5000}}}});
  REQUIRE(far["warnings"].size() == 1);
  CHECK_THAT(far["warnings"][0].get<std::string>(), Catch::Contains("tenure") && Catch::Contains("explained anyway"));
  CHECK_THAT(f.error({{"cmd", "explain.row"}, {"run_id", f.knn}, {"row", 0}, {"method", "shap"}}),
             Catch::Contains("cannot explain a knn model"));
  CHECK_THAT(f.error({{"cmd", "explain.row"}, {"run_id", f.gbdt}, {"row", 0}, {"method", "lime"}}), Catch::Contains("LIME"));
  CHECK_THAT(f.error({{"cmd", "explain.row"}, {"run_id", "nope"}, {"row", 0}}), Catch::Contains("nope"));
  CHECK_THAT(f.error({{"cmd", "explain.importance"}, {"run_id", f.gbdt}, {"repeats", 0}}), Catch::Contains("repeats"));
  // A run whose model file is gone.
  size_t removed = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(f.session.store().root()))
    if (entry.path().string().find(f.lr) != std::string::npos && entry.path().filename() == "model.json" &&
        entry.path().parent_path().filename() == "model")
      removed += std::filesystem::remove(entry.path());
  REQUIRE(removed == 1);
  CHECK_THAT(f.error({{"cmd", "explain.row"}, {"run_id", f.lr}, {"row", 0}}), Catch::Contains("has no saved model"));
  // Other data loaded: the run's held-out rows are not there to explain.
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 500}, {"seed", 1}});
  CHECK_THAT(f.error({{"cmd", "explain.row"}, {"run_id", f.gbdt}, {"row", 0}}),
             Catch::Contains("was trained on dataset 'churn'") && Catch::Contains("Data module"));
}

TEST_CASE("explain.importance: seeded, sorted, on the participant's columns", "[explain][importance]") {
  ChurnRuns f;
  const json a = f.ok({{"cmd", "explain.importance"}, {"run_id", f.gbdt}, {"repeats", 3}, {"seed", 2}});
  const json b = f.ok({{"cmd", "explain.importance"}, {"run_id", f.gbdt}, {"repeats", 3}, {"seed", 2}});
  CHECK(a["features"] == b["features"]);
  CHECK(a["metric"] == "roc_auc");
  const auto& fs = a["features"];
  REQUIRE(fs.size() >= 5);
  for (size_t i = 1; i < fs.size(); ++i) CHECK(fs[i - 1]["mean"].get<double>() >= fs[i]["mean"].get<double>());
  CHECK(fs[0]["mean"].get<double>() > 0.01);
  CHECK(fs[0]["drops"].size() == 3);
  // Tree models also report mean |SHAP|; the column the model leans on most has a large one.
  CHECK(fs[0]["mean_abs_shap"].get<double>() > 0.05);
  const json lr = f.ok({{"cmd", "explain.importance"}, {"run_id", f.lr}, {"repeats", 2}});
  CHECK_FALSE(lr["features"][0].contains("mean_abs_shap"));
}
