// explain.row / explain.whatif / explain.importance / explain.pdp through the dispatcher, on the churn lab's
// data: the waterfall adds up to the model's own prediction, a fiber customer moved to DSL is
// less likely to churn, and bad requests say what was wrong.
#include <catch2/catch.hpp>
#include <algorithm>
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
  CHECK_THAT(f.error({{"cmd", "explain.row"}, {"run_id", f.gbdt}, {"row", 0}, {"method", "lime"}, {"samples", 5}}),
             Catch::Contains("'samples' must be between"));
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

TEST_CASE("explain.row with LIME: any model, seeded, faithful near the row, agreeing with the linear terms", "[explain][lime]") {
  ChurnRuns f;
  const json cmd = {{"cmd", "explain.row"}, {"run_id", f.lr}, {"row", 3}, {"method", "lime"}, {"seed", 7}};
  const json lime = f.ok(cmd);
  CHECK(lime["method"] == "lime");
  CHECK(lime["samples"] == 5000);
  CHECK(lime["features"].size() == 10);  // num_features 10: highest_weights picks 10 of the columns
  CHECK(lime["kernel_width"].get<double>() == Approx(0.75 * std::sqrt(double(lime["record"].size()))));
  // Local fidelity: the surrogate explains much of the model's variation around the row, and its
  // answer for the row is near the model's.
  CHECK(lime["score"].get<double>() > 0.3);
  CHECK(lime["score"].get<double>() <= 1.0);
  CHECK(std::fabs(lime["local_pred"].get<double>() - lime["model_output"].get<double>()) < 0.15);
  CHECK(lime["model_output"].get<double>() == Approx(lime["prediction"]["probability"].get<double>()).margin(1e-12));
  // Seeded: the same seed gives the same explanation; another seed another neighbourhood.
  CHECK(f.ok(cmd)["features"] == lime["features"]);
  json other = cmd;
  other["seed"] = 8;
  CHECK(f.ok(other)["intercept"] != lime["intercept"]);
  // The logistic regression's largest exact term is among LIME's top three conditions, pushing the same way.
  const json linear = f.ok({{"cmd", "explain.row"}, {"run_id", f.lr}, {"row", 3}, {"method", "linear"}});
  const json& top = linear["effects"][0];
  bool agrees = false;
  for (size_t i = 0; i < 3; ++i)
    agrees |= lime["features"][i]["feature"] == top["feature"] && lime["features"][i]["direction"] == top["direction"];
  INFO("linear top: " << top.dump() << "\nLIME: " << lime["features"].dump());
  CHECK(agrees);
  // Models no exact method explains (k-nearest neighbours) get LIME too.
  const json knn = f.ok({{"cmd", "explain.row"}, {"run_id", f.knn}, {"row", 0}, {"method", "lime"}, {"samples", 1000}});
  CHECK(knn["features"].size() == 10);
  CHECK(knn["answer"].get<std::string>().find("probability of Churn") == 0);
}

TEST_CASE("explain.pdp: partial dependence and ICE of a number and of a category", "[explain][pdp]") {
  ChurnRuns f;
  const json tenure = f.ok({{"cmd", "explain.pdp"}, {"run_id", f.gbdt}, {"feature", "tenure"}, {"ice", 10000}});
  CHECK(tenure["kind"] == "number");
  const auto grid = tenure["grid"].get<std::vector<double>>();
  REQUIRE(grid.size() >= 10);
  REQUIRE(grid.size() <= 30);
  CHECK(std::is_sorted(grid.begin(), grid.end()));
  CHECK(tenure["average"].size() == grid.size());
  CHECK(tenure["answer"] == "probability of Churn = Yes");
  // Every held-out row has its ICE line; their mean is the partial dependence.
  const size_t rows = tenure["rows"];
  REQUIRE(tenure["ice"].size() == rows);
  CHECK(tenure["rug"].size() == rows);
  for (size_t g = 0; g < grid.size(); g += 7) {
    double sum = 0;
    for (const auto& line : tenure["ice"]) sum += line["answers"][g].get<double>();
    CHECK(sum / double(rows) == Approx(tenure["average"][g].get<double>()).margin(1e-12));
  }
  // Long-standing customers churn less (the churn lab's story), on average.
  CHECK(tenure["average"].front().get<double>() > tenure["average"].back().get<double>());
  CHECK_THAT(tenure["summary"].get<std::string>(), Catch::Contains("moving tenure from"));

  for (const std::string& run : {f.gbdt, f.lr, f.knn}) {
    INFO(run);
    const json net = f.ok({{"cmd", "explain.pdp"}, {"run_id", run}, {"feature", "InternetService"}});
    CHECK(net["kind"] == "category");
    const auto cats = net["categories"].get<std::vector<std::string>>();
    REQUIRE(cats.size() == net["average"].size());
    double counted = 0;
    for (const auto& c : net["rug_counts"]) counted += c.get<double>();
    CHECK(counted == net["rows"].get<double>());
    CHECK(net["ice"].size() == 40);
    const auto fiber = std::find(cats.begin(), cats.end(), "Fiber optic") - cats.begin();
    const auto dsl = std::find(cats.begin(), cats.end(), "DSL") - cats.begin();
    if (run != f.knn) CHECK(net["average"][size_t(fiber)].get<double>() > net["average"][size_t(dsl)].get<double>());
  }
}

TEST_CASE("explain.pdp: bad input gets a clear message", "[explain][pdp]") {
  ChurnRuns f;
  CHECK_THAT(f.error({{"cmd", "explain.pdp"}, {"run_id", f.gbdt}, {"feature", "Colour"}}),
             Catch::Contains("unknown feature 'Colour'") && Catch::Contains("tenure"));
  CHECK_THAT(f.error({{"cmd", "explain.pdp"}, {"run_id", f.gbdt}}), Catch::Contains("'feature' is required"));
  CHECK_THAT(f.error({{"cmd", "explain.pdp"}, {"run_id", f.gbdt}, {"feature", "tenure"}, {"grid", 1}}),
             Catch::Contains("'grid' must be between"));
  CHECK_THAT(f.error({{"cmd", "explain.pdp"}, {"run_id", "nope"}, {"feature", "tenure"}}), Catch::Contains("nope"));
  CHECK_THAT(f.error({{"cmd", "explain.pdp"}, {"feature", "tenure"}}), Catch::Contains("'run_id' is required"));
  for (const auto& entry : std::filesystem::recursive_directory_iterator(f.session.store().root()))
    if (entry.path().string().find(f.knn) != std::string::npos && entry.path().filename() == "model.json" &&
        entry.path().parent_path().filename() == "model") {
      std::filesystem::remove(entry.path());
      break;
    }
  CHECK_THAT(f.error({{"cmd", "explain.pdp"}, {"run_id", f.knn}, {"feature", "tenure"}}),
             Catch::Contains("has no saved model") && Catch::Contains("train it again"));
}

TEST_CASE("explain.row auto: SVM, k-nearest neighbours and naive Bayes get LIME's waterfall, adding up to their answer",
          "[explain][lime]") {
  ChurnRuns f;
  const std::string nb = f.ok({{"cmd", "train.run"}, {"algo", "gaussian_nb"}})["run_id"];
  f.clock.t += 10;
  const std::string svm = f.ok({{"cmd", "train.run"}, {"algo", "svm"}})["run_id"];
  for (const std::string& run : {f.knn, nb, svm}) {
    INFO(run);
    const json e = f.ok({{"cmd", "explain.row"}, {"run_id", run}, {"row", 2}});
    CHECK(e["method"] == "lime");
    CHECK(e["methods"] == json::array({"lime"}));
    CHECK(e["output"].get<double>() == Approx(e["prediction"]["probability"].get<double>()).margin(1e-12));
    CHECK(sum_steps(e) == Approx(e["output"].get<double>()).margin(1e-9));
    CHECK(e["effects"].size() == 11);  // ten conditions and what LIME's fit misses
    for (size_t i = 1; i < e["effects"].size(); ++i)
      CHECK(std::fabs(e["effects"][i - 1]["step"].get<double>()) >= std::fabs(e["effects"][i]["step"].get<double>()));
    CHECK(e["fields"].size() == e["record"].size());
    // What-if works the same way: the answer before the change comes along.
    const json w = f.ok({{"cmd", "explain.whatif"}, {"run_id", run}, {"row", 2}, {"overrides", {{"Contract", "Two year"}}}});
    CHECK(w["method"] == "lime");
    CHECK(w["original"]["output"].get<double>() == Approx(e["output"].get<double>()).margin(1e-12));
    CHECK(sum_steps(w) == Approx(w["output"].get<double>()).margin(1e-9));
  }
}
