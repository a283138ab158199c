#include <catch2/catch.hpp>
#include <filesystem>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"

using namespace lab;
using nlohmann::json;

TEST_CASE("evaluate a run: threshold moves precision/recall; the cost-optimal threshold follows the costs") {
  auto root = std::filesystem::temp_directory_path() / "lab_eval_cmds";
  std::filesystem::remove_all(root);
  FixedClock clock;
  Session s(root, clock, 9);
  Dispatcher d(s);
  d.handle({{"cmd", "data.generate"}, {"rows", 3000}, {"seed", 4}});
  std::string a = d.handle({{"cmd", "train.run"}, {"params", {{"C", 0.001}}}, {"run_name", "A"}})["run_id"];
  clock.t += 10;
  std::string b = d.handle({{"cmd", "train.run"}, {"params", {{"C", 1.0}}}, {"run_name", "B"}})["run_id"];

  json lo = d.handle({{"cmd", "eval.run"}, {"run_id", b}, {"threshold", 0.2}});
  json hi = d.handle({{"cmd", "eval.run"}, {"run_id", b}, {"threshold", 0.8}});
  REQUIRE(lo["ok"] == true);
  REQUIRE(lo["at_threshold"]["recall"].get<double>() > hi["at_threshold"]["recall"].get<double>());
  REQUIRE(lo["at_threshold"]["precision"].get<double>() < hi["at_threshold"]["precision"].get<double>());
  json c = lo["at_threshold"]["confusion"];
  REQUIRE(c["tn"].get<int>() + c["fp"].get<int>() + c["fn"].get<int>() + c["tp"].get<int>() == 600);
  REQUIRE(lo["roc"]["fpr"].size() == lo["roc"]["tpr"].size());
  REQUIRE(lo["metrics"]["roc_auc"] == hi["metrics"]["roc_auc"]);  // threshold-free

  // Wrongly approving (false positive) costs 10x a lost customer: the best threshold rises.
  double t_fp_heavy = d.handle({{"cmd", "eval.run"}, {"run_id", b}, {"cost_fp", 10}, {"cost_fn", 1}})["best_cost"]["threshold"];
  double t_fn_heavy = d.handle({{"cmd", "eval.run"}, {"run_id", b}, {"cost_fp", 1}, {"cost_fn", 10}})["best_cost"]["threshold"];
  REQUIRE(t_fp_heavy > 0.5);
  REQUIRE(t_fn_heavy < 0.5);

  json cmp = d.handle({{"cmd", "eval.compare"}, {"run_a", a}, {"run_b", b}});
  REQUIRE(cmp["same_test_split"] == true);
  REQUIRE(cmp["delta_b_minus_a"].contains("roc_auc"));

  json champ = d.handle({{"cmd", "eval.select_champion"}, {"metric", "roc_auc"}});
  REQUIRE(champ["ranking"].size() == 2);
  REQUIRE(champ["explanation"].get<std::string>().find("has the highest roc_auc of 2 runs") != std::string::npos);
  REQUIRE(d.handle({{"cmd", "eval.run"}, {"run_id", b}, {"threshold", 2}})["error"].get<std::string>().find("between 0 and 1") != std::string::npos);
}

TEST_CASE("eval.run on 100 classes: the confusion matrix plus a per-class summary, most rows first") {
  labtest::SessionFixture f("lab_eval_100_classes", 5);
  std::string csv = "a,b,species\n";
  for (int i = 0; i < 2000; ++i) {
    const int cls = (i * 7 + i / 100) % 100;
    csv += std::to_string(cls) + "." + std::to_string(i % 10) + "," + std::to_string((cls * 13) % 17) + ",sp" +
           std::to_string(cls) + "\n";
  }
  f.ok({{"cmd", "data.import_csv"}, {"text", csv}, {"target", "species"}});
  nlohmann::json run = f.ok({{"cmd", "train.run"}, {"algo", "decision_tree"}, {"params", {{"max_depth", 6}}}});
  nlohmann::json e = f.ok({{"cmd", "eval.run"}, {"run_id", run["run_id"]}});
  REQUIRE(e["confusion"].size() == 100);
  const auto& per = e["per_class"];
  REQUIRE(per.size() == 100);
  size_t rows = 0;
  for (size_t i = 0; i < per.size(); ++i) {
    rows += per[i]["rows"].get<size_t>();
    if (i) CHECK(per[i]["rows"].get<size_t>() <= per[i - 1]["rows"].get<size_t>());
    CHECK(per[i]["correct"].get<size_t>() <= per[i]["rows"].get<size_t>());
  }
  CHECK(rows == e["test_rows"].get<size_t>());
}
