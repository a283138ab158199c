#include <catch2/catch.hpp>

#include "core/serve/batch_scoring.hpp"

using namespace lab;
using nlohmann::json;

namespace {
// Two fields: a non-negative number and a category; plus an optional number (had gaps in training).
InferenceContract contract() {
  Schema s;
  ColumnSchema amount;
  amount.name = "amount";
  amount.min = 0;
  amount.max = 100;
  ColumnSchema plan;
  plan.name = "plan";
  plan.type = ColumnType::Categorical;
  plan.categories = {"basic", "premium"};
  ColumnSchema bonus;
  bonus.name = "bonus";
  bonus.min = 0;
  bonus.max = 10;
  bonus.missing = 3;
  s.columns = {amount, plan, bonus};
  return derive_contract(s, {"amount", "plan", "bonus"});
}

// A fake model: predicts "big" when amount > 50, with a fixed confidence; counts its calls.
struct CountingScorer {
  int calls = 0;
  json operator()(const json& list) {
    ++calls;
    json out = json::array();
    for (const auto& f : list)
      out.push_back({{"prediction", f["amount"].get<double>() > 50 ? "big" : "small"}, {"confidence", 0.75}});
    return out;
  }
};
}  // namespace

TEST_CASE("batch scoring: valid rows are scored in one pass, invalid rows keep every problem with row and field") {
  CountingScorer model;
  BatchScorer scorer = [&model](const json& l) { return model(l); };
  std::string csv =
      "id,amount,plan,bonus\n"
      "a,80,premium,1\n"
      "b,-5,gold,2\n"      // two problems on line 3
      "c,20,basic,\n"      // bonus is optional: imputed by the model's pipeline
      "d,ten,basic,1\n";   // text in a numeric column: wrong type, not a whole-column failure
  BatchResult r = score_batch(contract(), csv, scorer);
  REQUIRE(model.calls == 1);
  REQUIRE(r.rows == 4);
  REQUIRE(r.scored == 2);
  REQUIRE(r.rejected == 2);
  REQUIRE(r.results[0]["prediction"] == "big");
  REQUIRE(r.results[0]["row"] == 2);
  REQUIRE(r.results[2]["prediction"] == "small");
  REQUIRE(r.errors.size() == 3);
  REQUIRE(r.errors[0].row == 3);
  REQUIRE(r.errors[0].field == "amount");
  REQUIRE(r.errors[0].kind == "negative");
  REQUIRE(r.errors[1].field == "plan");
  REQUIRE(r.errors[1].kind == "unknown_category");
  REQUIRE(r.errors[2].row == 5);
  REQUIRE(r.errors[2].kind == "wrong_type");
  // The result CSV: the input columns, then prediction, confidence, error.
  REQUIRE(r.csv.substr(0, r.csv.find('\n')) == "id,amount,plan,bonus,prediction,confidence,error");
  REQUIRE(r.csv.find("\na,80,premium,1,big,0.75,\n") != std::string::npos);
  REQUIRE(r.csv.find("\nb,-5,gold,2,,,\"Field 'amount' cannot be negative") != std::string::npos);
  json j = r.to_json();
  REQUIRE(j["errors"][1]["row"] == 3);
  REQUIRE(j["scored"] == 2);
}

TEST_CASE("batch scoring names the columns a file lacks, and refuses empty, oversized and non-CSV files") {
  BatchScorer scorer = [](const json& l) { return json::array({l.size()}); };
  REQUIRE_THROWS_WITH(score_batch(contract(), "amount,colour\n1,red\n", scorer),
                      Catch::Contains("lacks column(s) the model needs: plan") && Catch::Contains("Its header has: amount, colour"));
  REQUIRE_THROWS_WITH(score_batch(contract(), "", scorer), Catch::Contains("empty"));
  REQUIRE_THROWS_WITH(score_batch(contract(), "amount,plan\n", scorer), Catch::Contains("no data rows"));
  BatchLimits small;
  small.max_rows = 1;
  REQUIRE_THROWS_WITH(score_batch(contract(), "amount,plan\n1,basic\n2,basic\n", scorer, small), Catch::Contains("up to 1"));
  REQUIRE(batch_file_problem("customers.CSV", 10).empty());
  REQUIRE_THAT(batch_file_problem("customers.xlsx", 10), Catch::Contains("not a .csv file"));
  REQUIRE_THAT(batch_file_problem("customers.csv", 0), Catch::Contains("is empty"));
  REQUIRE_THAT(batch_file_problem("big.csv", 30u * 1024 * 1024), Catch::Contains("30.0 MB") && Catch::Contains("up to 20.0 MB"));
}

TEST_CASE("a model that fails in batch rejects the valid rows with its message, and nothing crashes") {
  BatchScorer failing = [](const json&) -> json { throw std::runtime_error("out of memory"); };
  BatchResult r = score_batch(contract(), "amount,plan\n1,basic\n-1,basic\n", failing);
  REQUIRE(r.scored == 0);
  REQUIRE(r.rejected == 2);
  REQUIRE(r.results[0]["error"] == "the model failed: out of memory");
}
