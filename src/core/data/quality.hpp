#pragma once
// Data quality checks shown as a checklist: each item passes, warns or fails with a message
// that says what was found and what to do about it.
#include <string>
#include <vector>

#include "core/data/table.hpp"

namespace lab {

enum class CheckStatus { Pass, Warn, Fail };
const char* to_string(CheckStatus s);

struct QualityCheck {
  std::string check;   // missing_values, out_of_range, duplicates, constant, class_balance, leakage
  std::string column;  // empty for table-wide items
  CheckStatus status = CheckStatus::Pass;
  std::string message;
};

// Thresholds (documented for participants):
//  missing_values: warn for any missing feature value (the default pipeline imputes), fail when a
//    feature is more than half missing. Rows without a target value are counted and dropped by
//    training (warn; fail when fewer than 2 rows keep a target).
//  out_of_range: fail when values fall outside a column's declared valid range.
//  duplicates: warn when identical rows (ignoring id columns) appear more than once.
//  constant: warn for a feature with a single value (it carries no information).
//  class_balance: warn when the smallest class is under 10% of rows, fail under 1% or 5 rows.
//  leakage: fail when one feature alone predicts the target almost perfectly: ROC AUC > 0.98
//    (binary), |Pearson correlation| > 0.98 (regression), or 98%+ accuracy from its category
//    (multiclass, categorical features) - a hint that it is known only after the outcome.
// task_choice: the participant's task for the target (data.set_task: auto, binary, multiclass,
// regression); balance and leakage are judged for that task.
std::vector<QualityCheck> run_quality_checks(const Table& t, const std::string& task_choice = "auto");

}  // namespace lab
