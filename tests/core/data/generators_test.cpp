#include <catch2/catch.hpp>
#include <cmath>

#include "core/data/churn_generator.hpp"
#include "core/data/csv_parser.hpp"
#include "core/data/dataset_catalog.hpp"
#include "core/data/production_hours_generator.hpp"
#include "core/data/quality.hpp"
#include "core/data/target_task.hpp"
#include "core/pipeline/train_job.hpp"
#include "io/csv_export.hpp"

using namespace lab;

TEST_CASE("churn: the fields and categories of the workshop's example request") {
  Table t = generate_churn_dataset({3000, 4});
  const char* fields[] = {"StreamingTV", "MonthlyCharges", "PhoneService", "PaperlessBilling", "Partner",
                          "OnlineBackup", "gender", "Contract", "TotalCharges", "StreamingMovies",
                          "DeviceProtection", "PaymentMethod", "tenure", "Dependents", "OnlineSecurity",
                          "MultipleLines", "InternetService", "SeniorCitizen", "TechSupport"};
  for (const char* f : fields) {
    INFO(f);
    REQUIRE(t.find(f) != nullptr);
    REQUIRE(t.find(f)->role == ColumnRole::Feature);
  }
  REQUIRE(t.cols() == 21);  // + customerID (id) + Churn (target)
  REQUIRE(t.find("customerID")->role == ColumnRole::Id);
  REQUIRE(t.target()->name == "Churn");
  auto cats = [&](const char* c) { return t.find(c)->categories; };
  REQUIRE(cats("Contract") == std::vector<std::string>{"Month-to-month", "One year", "Two year"});
  REQUIRE(cats("InternetService") == std::vector<std::string>{"DSL", "Fiber optic", "No"});
  REQUIRE(cats("PaymentMethod")[0] == "Bank transfer (automatic)");
  REQUIRE(cats("gender") == std::vector<std::string>{"Female", "Male"});
  REQUIRE(cats("SeniorCitizen") == std::vector<std::string>{"No", "Yes"});
  REQUIRE(t.find("tenure")->type == ColumnType::Numeric);
  // Churn rate about a quarter; TotalCharges missing exactly for tenure 0.
  double churn = 0;
  size_t missing_total = 0;
  for (size_t r = 0; r < t.rows(); ++r) {
    churn += t.target()->values[r];
    bool missing = std::isnan(t.find("TotalCharges")->values[r]);
    missing_total += missing;
    REQUIRE(missing == (t.find("tenure")->values[r] == 0));
  }
  churn /= double(t.rows());
  REQUIRE(churn > 0.18);
  REQUIRE(churn < 0.35);
  REQUIRE(missing_total > 0);
  // Same seed, same data; another seed, other data.
  REQUIRE(content_hash(generate_churn_dataset({3000, 4})) == content_hash(t));
  REQUIRE(content_hash(generate_churn_dataset({3000, 5})) != content_hash(t));
}

TEST_CASE("churn: LR with the default pipeline (one-hot + impute) finds the real signal") {
  Table t = generate_churn_dataset({6000, 11});
  TrainJob job(t, TrainRequest{});
  while (!job.done()) job.step();
  TrainResult r = job.evaluate();
  INFO("auc " << r.roc_auc << " acc " << r.accuracy);
  REQUIRE(job.target_task().class_names == std::vector<std::string>{"No", "Yes"});
  REQUIRE(r.roc_auc > 0.77);  // LR can express the true rule; the coin flip caps it near 0.80
  REQUIRE(r.roc_auc < 0.86);
  // customerID is an id: never a feature.
  for (const auto& f : job.feature_names()) REQUIRE(f != "customerID");
}

TEST_CASE("production hours: a regression target with real signal and documented ranges") {
  Table t = generate_production_hours_dataset({4000, 3});
  REQUIRE(t.target()->name == "production_hours");
  REQUIRE(detect_target_task(*t.target()).task == Task::Regression);
  REQUIRE(t.find("cost_center")->type == ColumnType::Categorical);
  for (const auto& q : run_quality_checks(t)) {
    INFO(q.check << " " << q.column << " " << q.message);
    REQUIRE(q.status != CheckStatus::Fail);
  }
  // planned_units x hours per unit explains most of the variance: a strong but not leaking signal.
  const auto& units = t.find("planned_units")->values;
  const auto& hours = t.target()->values;
  for (size_t r = 0; r < 50; ++r) REQUIRE(hours[r] > 0);
  REQUIRE(units.size() == hours.size());
}

TEST_CASE("generated data survives CSV export and import bit for bit") {
  for (const char* name : {"loan", "churn", "production_hours"}) {
    INFO(name);
    Table t = make_dataset(name, 500, 9);
    Table back = parse_csv(write_csv(t));
    for (auto& c : back.columns) c.role = t.find(c.name)->role;
    REQUIRE(content_hash(back) == content_hash(t));
  }
}

TEST_CASE("catalog: every dataset loads with its target and a task that matches") {
  for (const auto& info : dataset_catalog()) {
    INFO(info.name);
    Table t = make_dataset(info.name, 300, 1);
    REQUIRE(t.target() != nullptr);
    REQUIRE(t.target()->name == info.target);
    REQUIRE(to_string(detect_target_task(*t.target()).task) == info.task);
    REQUIRE(!info.process.empty());
  }
  Table iris = make_dataset("iris", 0, 0);
  REQUIRE(iris.rows() == 150);
  REQUIRE(iris.cols() == 5);
  REQUIRE(iris.target()->categories == std::vector<std::string>{"setosa", "versicolor", "virginica"});
  REQUIRE(make_dataset("wine", 0, 0).rows() == 178);
  REQUIRE(make_dataset("breast_cancer", 0, 0).rows() == 569);
  REQUIRE_THROWS_WITH(make_dataset("titanic", 10, 1), Catch::Contains("available: loan, churn, production_hours, iris"));
}
