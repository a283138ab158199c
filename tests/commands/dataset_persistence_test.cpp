// Issue 9, problem 11: the current dataset and its versions survive a reload.
#include <catch2/catch.hpp>

#include "commands/dispatcher.hpp"
#include "support/session_fixture.hpp"
#include "io/text_file.hpp"

using namespace lab;
using nlohmann::json;

TEST_CASE("a reopened session on the same folder has the current dataset and its versions") {
  auto root = labtest::fresh_store("lab_dataset_keep");
  FixedClock clock;
  std::string hash;
  {
    Session s(root, clock, 3);
    s.generate("loan", 800, 9);
    s.set_role("age", "ignore");
    hash = s.set_target("income").hash;
    REQUIRE(s.dataset_versions().size() == 3);
  }
  Session again(root, clock, 4);
  REQUIRE(again.dataset());
  REQUIRE(again.dataset()->name == "loan");
  REQUIRE(again.dataset()->hash == hash);
  REQUIRE(again.dataset()->table.rows() == 800);
  REQUIRE(again.dataset()->table.target()->name == "income");
  REQUIRE(again.dataset_versions().size() == 3);
  REQUIRE(again.dataset_versions()[0].change == "generated loan (800 rows, seed 9)");
  REQUIRE(again.dataset_versions()[1].change == "age as ignore");
  REQUIRE(again.dataset_versions()[2].hash == hash);
  // Training right away works on the restored data.
  Dispatcher d(again);
  REQUIRE(d.handle({{"cmd", "train.run"}, {"algo", "ridge_regression"}})["state"] == "done");
}

TEST_CASE("an imported CSV comes back after a reload; a journal that no longer reproduces its hash is dropped") {
  auto root = labtest::fresh_store("lab_dataset_import_keep");
  FixedClock clock;
  {
    Session s(root, clock, 3);
    s.import_csv("mine.csv", "x,y,label\n1,2,a\n2,3,b\n3,1,a\n4,4,b\n", "label");
  }
  {
    Session again(root, clock, 4);
    REQUIRE(again.dataset());
    REQUIRE(again.dataset()->name == "mine.csv");
    REQUIRE(again.dataset()->table.rows() == 4);
  }
  // Someone edited the saved file: the data is not what was recorded, so none is restored.
  write_text_file(root.string() + "-data/imported.csv", "x,y,label\n9,9,a\n8,8,b\n");
  Session changed(root, clock, 5);
  REQUIRE_FALSE(changed.dataset());
}

TEST_CASE("the task choice (data.set_task) survives a reload, and the checklist follows the task") {
  auto root = labtest::fresh_store("lab_dataset_task_keep");
  FixedClock clock;
  std::string csv = "hours,grade\n";  // grade: 50 whole numbers, treated as regression unless chosen
  for (int i = 0; i < 400; ++i) csv += std::to_string(i % 37) + ".5," + std::to_string(i % 50) + "\n";
  auto balance = [](Dispatcher& d) {
    const json quality = d.handle({{"cmd", "data.quality"}});
    for (const auto& c : quality["checks"])
      if (c["check"] == "class_balance") return c["message"].get<std::string>();
    return std::string();
  };
  {
    Session s(root, clock, 3);
    Dispatcher d(s);
    REQUIRE(d.handle({{"cmd", "data.import_csv"}, {"text", csv}, {"target", "grade"}})["ok"] == true);
    REQUIRE(balance(d) == "regression target: class balance does not apply");
    REQUIRE(d.handle({{"cmd", "data.set_task"}, {"task", "multiclass"}})["ok"] == true);
    // The checklist is recomputed for the chosen task: 50 classes of 8 rows each.
    REQUIRE(balance(d).find("smallest class") != std::string::npos);
    REQUIRE(s.dataset_versions().size() == 1);  // a task choice is not a new version of the rows
  }
  Session again(root, clock, 4);
  Dispatcher d(again);
  REQUIRE(again.dataset());
  REQUIRE(again.dataset()->task == "multiclass");
  REQUIRE(again.dataset_versions().size() == 1);
  REQUIRE(d.handle({{"cmd", "data.summary"}})["task_choice"] == "multiclass");
  REQUIRE(balance(d).find("smallest class") != std::string::npos);
  // Back to the rule: also kept.
  REQUIRE(d.handle({{"cmd", "data.set_task"}, {"task", "auto"}})["ok"] == true);
  Session third(root, clock, 5);
  REQUIRE(third.dataset()->task == "auto");
}
