#include "core/data/target_task.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace lab {

double TargetTask::label_of(double v) const {
  if (std::isnan(v)) return v;
  if (task == Task::Regression) return v;
  auto it = std::lower_bound(class_values.begin(), class_values.end(), v);
  if (it == class_values.end() || *it != v) return std::nan("");
  return double(it - class_values.begin());
}

Task parse_task(const std::string& s) {
  if (s == "binary") return Task::Binary;
  if (s == "multiclass") return Task::Multiclass;
  if (s == "regression") return Task::Regression;
  throw std::invalid_argument("unknown task '" + s + "'; use auto, binary, multiclass or regression");
}

namespace {
constexpr double kLargestRegressionTarget = 1e150;

// The automatic rule in words: what was seen and what it led to.
std::string automatic_task_reason(bool categorical, bool whole, size_t distinct, Task task) {
  const std::string n = distinct > 1000 ? "more than 1000" : std::to_string(distinct);
  std::string seen;
  if (categorical) seen = n + (distinct == 1 ? " category" : " categories");
  else if (!whole) seen = "fractional numbers";
  else seen = n + " distinct whole number" + (distinct == 1 ? "" : "s");
  std::string rule;
  if (!categorical && whole && task == Task::Regression) rule = " (more than 10)";
  if (!categorical && whole && task != Task::Regression) rule = " (10 or fewer)";
  return seen + rule + ": treated as " + to_string(task);
}
}  // namespace

TargetTask detect_target_task(const Column& target, const std::string& requested) {
  const bool automatic = requested.empty() || requested == "auto";
  std::set<double> distinct;
  bool whole = true;
  size_t present = 0;
  for (double v : target.values) {
    if (std::isnan(v)) continue;
    ++present;
    if (v != std::floor(v)) whole = false;
    if (distinct.size() <= 1000) distinct.insert(v);
  }
  if (present == 0)
    throw std::invalid_argument("the target '" + target.name + "' has no values; choose another target column");

  TargetTask out;
  const bool categorical = target.type == ColumnType::Categorical;
  const bool class_like = categorical || (whole && distinct.size() <= 10);
  const Task automatic_task = !class_like ? Task::Regression : (distinct.size() == 2 ? Task::Binary : Task::Multiclass);
  const std::string automatic_reason = automatic_task_reason(categorical, whole, distinct.size(), automatic_task);
  if (automatic) {
    out.task = automatic_task;
    out.reason = automatic_reason;
  } else {
    out.task = parse_task(requested);
    out.chosen = true;
    out.reason = std::string("chosen: ") + to_string(out.task) + " (the automatic choice: " + automatic_reason + ")";
    if (out.task == Task::Regression && categorical)
      throw std::invalid_argument("the target '" + target.name +
                                  "' holds categories; regression needs a numeric target. Use binary or multiclass.");
    if (out.task != Task::Regression && !categorical && !(whole && distinct.size() <= 50))
      throw std::invalid_argument("the target '" + target.name + "' holds " +
                                  (whole ? "more than 50 different numbers" : "fractional numbers") +
                                  "; classification needs a few class values. Use regression.");
    if (out.task == Task::Binary && distinct.size() != 2)
      throw std::invalid_argument("binary classification needs exactly 2 classes; the target '" + target.name +
                                  "' has " + std::to_string(distinct.size()) + ". Use multiclass.");
  }
  if (out.task == Task::Regression) {
    // Squared errors, means and sums of numbers beyond ~1e150 overflow to infinity.
    double largest = 0;
    for (double v : target.values)
      if (!std::isnan(v)) largest = std::max(largest, std::fabs(v));
    if (largest > kLargestRegressionTarget) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3g", largest);
      throw std::invalid_argument("the target '" + target.name + "' has values as large as " + buf +
                                  "; regression on numbers beyond 1e150 overflows (squared errors pass the largest "
                                  "number a computer holds). Rescale the target (divide it by a power of ten, or take "
                                  "its logarithm) and import it again.");
    }
    return out;
  }
  if (distinct.size() < 2)
    throw std::invalid_argument("the target '" + target.name +
                                "' has only one class; a classifier needs at least two. Check the data or "
                                "choose another target.");
  for (double v : distinct) {
    out.class_values.push_back(v);
    if (categorical) {
      out.class_names.push_back(target.categories.at(size_t(v)));
    } else {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.0f", v);
      out.class_names.push_back(buf);
    }
  }
  return out;
}

}  // namespace lab
