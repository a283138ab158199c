#include <catch2/catch.hpp>
#include <cmath>

#include "core/data/churn_generator.hpp"
#include "core/data/dataset_catalog.hpp"
#include "core/pipeline/predictor.hpp"
#include "core/pipeline/train_job.hpp"

using namespace lab;
using nlohmann::json;

namespace {
// The example request of the churn workshop (seed doc 004), verbatim.
const char* kExampleRequest = R"json({
  "StreamingTV": "No", "MonthlyCharges": 70.35, "PhoneService": "No", "PaperlessBilling": "No",
  "Partner": "No", "OnlineBackup": "No", "gender": "Female", "Contract": "Month-to-month",
  "TotalCharges": 1397.475, "StreamingMovies": "No", "DeviceProtection": "No",
  "PaymentMethod": "Bank transfer (automatic)", "tenure": 29, "Dependents": "No",
  "OnlineSecurity": "No", "MultipleLines": "No", "InternetService": "DSL", "SeniorCitizen": "No",
  "TechSupport": "No"})json";
}  // namespace

TEST_CASE("predictor: a saved churn model answers the workshop's example request like the training job") {
  TrainRequest req;
  req.features = {{"derived", {{{"name", "charges_ratio"}, {"op", "ratio"}, {"a", "TotalCharges"}, {"b", "tenure"}}}},
                  {"bins", {{{"column", "tenure"}, {"n_bins", 4}}}}};
  TrainJob job(generate_churn_dataset({3000, 21}), req);
  while (!job.done()) job.step();
  Predictor p(json::parse(job.model_json().dump()));  // through text, as stored in model/model.json
  REQUIRE(p.task() == Task::Binary);
  REQUIRE(p.class_names() == std::vector<std::string>{"No", "Yes"});
  REQUIRE(p.target_name() == "Churn");

  json request = json::parse(kExampleRequest);
  json a = p.predict_records(request), b = job.predict_records(request);
  REQUIRE(a == b);
  REQUIRE(a.size() == 1);
  double prob = a[0]["probability"].get<double>();
  REQUIRE(prob > 0.0);
  REQUIRE(prob < 1.0);
  REQUIRE(a[0]["prediction"] == (prob >= 0.5 ? "Yes" : "No"));

  // Month-to-month fiber customers with short tenure churn more than two-year DSL customers.
  json risky = request, safe = request;
  risky["Contract"] = "Month-to-month", risky["InternetService"] = "Fiber optic", risky["tenure"] = 2;
  safe["Contract"] = "Two year", safe["tenure"] = 60;
  REQUIRE(p.predict_records(risky)[0]["probability"].get<double>() >
          p.predict_records(safe)[0]["probability"].get<double>());

  // An unseen category is all zeros (documented), a wrong type is a clear error.
  json odd = request;
  odd["InternetService"] = "Satellite";
  REQUIRE(p.predict_records(odd).size() == 1);
  odd["tenure"] = "long";
  REQUIRE_THROWS_WITH(p.predict_records(json::array({request, odd})),
                      "record 1, field 'tenure': expected a number, got \"long\"");
  REQUIRE_THROWS_WITH(Predictor(json{{"model", 1}}), Catch::Contains("not a model document"));
}

TEST_CASE("train job: tasks the learner cannot do get a message naming the ones that can") {
  Table iris = make_dataset("iris", 0, 0);
  try {
    TrainJob job(iris, TrainRequest{});
    // A multiclass-capable logistic regression may land later; then the job must work.
    while (!job.done()) job.step();
    REQUIRE(job.evaluate().accuracy > 0.8);
  } catch (const std::invalid_argument& e) {
    REQUIRE(std::string(e.what()).find("logistic_regression does not do multiclass (target 'species')") !=
            std::string::npos);
  }
  Table hours = make_dataset("production_hours", 500, 1);
  TrainRequest req;
  req.task = "binary";
  REQUIRE_THROWS_WITH(TrainJob(hours, req), Catch::Contains("classification needs a few class values. Use regression."));
}

TEST_CASE("train job: rows without a target are dropped; a categorical binary target maps to 0/1") {
  Table t = make_dataset("breast_cancer", 0, 0);
  Column* y = t.find("diagnosis");
  REQUIRE(y->role == ColumnRole::Target);
  y->values[0] = std::nan("");
  y->values[1] = std::nan("");
  TrainJob job(t, TrainRequest{});
  REQUIRE(job.dropped_rows() == 2);
  REQUIRE(job.target_task().class_names == std::vector<std::string>{"benign", "malignant"});
  while (!job.done()) job.step();
  TrainResult r = job.evaluate();
  REQUIRE(r.train_rows + r.test_rows == 567);
  REQUIRE(r.roc_auc > 0.97);  // a well-known easy dataset for a linear model
  REQUIRE(r.metrics.size() == 8);  // accuracy, precision, recall, f1, roc_auc, pr_auc, log_loss, brier
  REQUIRE(r.metrics[4].first == "roc_auc");
  REQUIRE(r.metrics[4].second == r.roc_auc);
}
