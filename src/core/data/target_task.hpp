#pragma once
// What kind of prediction a target column asks for, and how its values map to learner labels.
//
// The rule (shown in the Train panel):
//  - a categorical target with 2 categories is binary, with more it is multiclass;
//  - a numeric target whose values are all whole numbers with at most 10 distinct values is a
//    class label (2 values: binary, e.g. 0/1; 3..10: multiclass, e.g. 1..5 ratings);
//  - any other numeric target is regression.
// The user may override: "regression" for a numeric target, "binary"/"multiclass" for a
// target that fits the class rule. Classes are sorted (category order, or ascending numbers) and
// numbered 0..k-1, so for Yes/No and malignant/benign the second name is the positive class 1.
#include <string>
#include <vector>

#include "core/data/table.hpp"
#include "core/models/learner.hpp"

namespace lab {

struct TargetTask {
  Task task = Task::Binary;
  std::vector<std::string> class_names;  // classification: name of label 0, 1, ...
  std::vector<double> class_values;      // classification: the column value of label 0, 1, ...
  // Why this task, in words for the Data panel and the CLI, e.g. "50 distinct whole numbers:
  // treated as regression" or "chosen: multiclass (automatic: ...)".
  std::string reason;
  bool chosen = false;  // the participant chose the task (requested was not "auto")
  // The learner label of a column value: 0..k-1 for classes, the value itself for regression,
  // NaN when the value is missing or not one of the classes.
  double label_of(double column_value) const;
  int n_classes() const { return task == Task::Regression ? 0 : int(class_names.size()); }
};

// requested: "auto" (or empty), "binary", "multiclass" or "regression".
// Throws std::invalid_argument when the target cannot serve (one class, all missing, ...).
TargetTask detect_target_task(const Column& target, const std::string& requested = "auto");

Task parse_task(const std::string& s);  // throws for an unknown name

}  // namespace lab
