#include "core/data/quality.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <unordered_map>

#include "core/data/target_task.hpp"
#include "core/eval/metrics.hpp"
#include "core/math/sha256.hpp"
#include "core/math/short_number.hpp"

namespace lab {

const char* to_string(CheckStatus s) {
  switch (s) {
    case CheckStatus::Pass: return "pass";
    case CheckStatus::Warn: return "warn";
    case CheckStatus::Fail: return "fail";
  }
  return "pass";
}

namespace {

std::string pct(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * share);
  return buf;
}

void check_missing(const Table& t, std::vector<QualityCheck>& out) {
  bool any = false;
  for (const auto& c : t.columns) {
    size_t miss = size_t(std::count_if(c.values.begin(), c.values.end(), [](double v) { return std::isnan(v); }));
    if (miss == 0 || c.role == ColumnRole::Id) continue;
    any = true;
    double share = double(miss) / double(t.rows());
    std::string what = std::to_string(miss) + " missing value" + (miss == 1 ? "" : "s") + " (" + pct(share) + ")";
    if (c.role == ColumnRole::Target) {
      // Training drops these rows (TrainJob); the count tells the participant what is left.
      const size_t kept = t.rows() - miss;
      std::string rows = std::to_string(miss) + " row" + (miss == 1 ? "" : "s") + " (" + pct(share) + ")";
      out.push_back({"missing_values", c.name, kept < 2 ? CheckStatus::Fail : CheckStatus::Warn,
                     rows + " without a target value; training drops " + (miss == 1 ? "it" : "them") + ", so " +
                         std::to_string(kept) + " row" + (kept == 1 ? "" : "s") + " remain to train and test on." +
                         (kept < 2 ? " That is too few: fill in the target or choose another target column." : "")});
    }
    else if (share > 0.5)
      out.push_back({"missing_values", c.name, CheckStatus::Fail,
                     what + "; more than half is missing, consider dropping the column."});
    else
      out.push_back({"missing_values", c.name, CheckStatus::Warn,
                     what + "; the feature pipeline fills them (median for numbers, most frequent category)."});
  }
  if (!any) out.push_back({"missing_values", "", CheckStatus::Pass, "no missing values"});
}

void check_ranges(const Table& t, std::vector<QualityCheck>& out) {
  bool any_declared = false, any_bad = false;
  for (const auto& c : t.columns) {
    if (c.type != ColumnType::Numeric || (std::isinf(c.valid_min) && std::isinf(c.valid_max))) continue;
    any_declared = true;
    size_t bad = 0, first = 0;
    for (size_t r = 0; r < c.values.size(); ++r) {
      double v = c.values[r];
      if (!std::isnan(v) && (v < c.valid_min || v > c.valid_max)) {
        if (bad++ == 0) first = r;
      }
    }
    if (bad == 0) continue;
    any_bad = true;
    std::string range = std::isinf(c.valid_max) ? ">= " + short_number(c.valid_min)
                        : std::isinf(c.valid_min) ? "<= " + short_number(c.valid_max)
                                                  : short_number(c.valid_min) + ".." + short_number(c.valid_max);
    out.push_back({"out_of_range", c.name, CheckStatus::Fail,
                   std::to_string(bad) + " value" + (bad == 1 ? "" : "s") + " outside the documented range " + range +
                       " (first: row " + std::to_string(first + 1) + ", value " + short_number(c.values[first]) +
                       "); fix or remove those rows."});
  }
  if (!any_bad)
    out.push_back({"out_of_range", "", CheckStatus::Pass,
                   any_declared ? "all values inside their documented ranges" : "no columns declare a valid range"});
}

void check_duplicates(const Table& t, std::vector<QualityCheck>& out) {
  std::unordered_map<std::string, size_t> seen;
  size_t dups = 0, first = 0;
  for (size_t r = 0; r < t.rows(); ++r) {
    std::string key;
    for (const auto& c : t.columns) {
      if (c.role == ColumnRole::Id) continue;
      double v = std::isnan(c.values[r]) ? std::nan("") : c.values[r];
      key.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    auto [it, fresh] = seen.emplace(std::move(key), r);
    if (!fresh && dups++ == 0) first = r;
  }
  if (dups == 0)
    out.push_back({"duplicates", "", CheckStatus::Pass, "no duplicate rows"});
  else
    out.push_back({"duplicates", "", CheckStatus::Warn,
                   std::to_string(dups) + " row" + (dups == 1 ? " repeats" : "s repeat") +
                       " an earlier row (first: row " + std::to_string(first + 1) +
                       "); duplicates can leak between train and test. Remove them unless they are real repeats."});
}

void check_constant(const Table& t, std::vector<QualityCheck>& out) {
  bool any = false;
  for (const auto& c : t.columns) {
    if (c.role != ColumnRole::Feature) continue;
    double first = std::nan("");
    bool constant = true;
    for (double v : c.values) {
      if (std::isnan(v)) continue;
      if (std::isnan(first)) first = v;
      else if (v != first) { constant = false; break; }
    }
    if (!constant) continue;
    any = true;
    out.push_back({"constant", c.name, CheckStatus::Warn,
                   "the column has a single value; it carries no information for a model. Drop it."});
  }
  if (!any) out.push_back({"constant", "", CheckStatus::Pass, "no constant feature columns"});
}

// Labels of the target's rows (NaN where missing), or empty when there is no usable target.
bool target_labels(const Table& t, const std::string& requested_task, TargetTask& task, std::vector<double>& y) {
  const Column* target = t.target();
  if (!target) return false;
  try {
    task = detect_target_task(*target, requested_task);
  } catch (const std::invalid_argument&) {
    return false;
  }
  y.resize(t.rows());
  for (size_t r = 0; r < t.rows(); ++r) y[r] = task.label_of(target->values[r]);
  return true;
}

void check_balance(const TargetTask& task, const std::vector<double>& y, const std::string& name,
                   std::vector<QualityCheck>& out) {
  if (task.task == Task::Regression) {
    out.push_back({"class_balance", name, CheckStatus::Pass, "regression target: class balance does not apply"});
    return;
  }
  std::vector<size_t> counts(task.class_names.size(), 0);
  size_t total = 0;
  for (double v : y)
    if (!std::isnan(v)) ++counts[size_t(v)], ++total;
  size_t k = size_t(std::min_element(counts.begin(), counts.end()) - counts.begin());
  double share = double(counts[k]) / double(total);
  std::string what = "smallest class '" + task.class_names[k] + "' has " + std::to_string(counts[k]) + " rows (" +
                     pct(share) + ")";
  if (share < 0.01 || counts[k] < 5)
    out.push_back({"class_balance", name, CheckStatus::Fail,
                   what + "; too few to learn or evaluate it. Collect more examples of it or merge classes."});
  else if (share < 0.10)
    out.push_back({"class_balance", name, CheckStatus::Warn,
                   what + "; accuracy will look good by always predicting the majority. Judge by ROC AUC, "
                          "precision and recall."});
  else
    out.push_back({"class_balance", name, CheckStatus::Pass, what});
}

// A single feature's power to predict the target on its own.
void check_leakage(const Table& t, const TargetTask& task, const std::vector<double>& y,
                   std::vector<QualityCheck>& out) {
  bool any = false;
  for (const auto& c : t.columns) {
    if (c.role != ColumnRole::Feature) continue;
    std::vector<double> yy, xx;
    for (size_t r = 0; r < t.rows(); ++r)
      if (!std::isnan(y[r]) && !std::isnan(c.values[r])) yy.push_back(y[r]), xx.push_back(c.values[r]);
    if (yy.size() < 10) continue;
    // Categorical features score by their category's mean label (binary) or majority class.
    if (c.type == ColumnType::Categorical && task.task != Task::Regression) {
      std::map<double, std::vector<size_t>> per_cat;  // category -> counts per label
      for (size_t i = 0; i < xx.size(); ++i) {
        auto& counts = per_cat[xx[i]];
        counts.resize(task.class_names.size(), 0);
        ++counts[size_t(yy[i])];
      }
      if (task.task == Task::Binary) {
        for (double& x : xx) {
          const auto& counts = per_cat[x];
          x = double(counts[1]) / double(counts[0] + counts[1]);
        }
      } else {
        if (per_cat.size() * 2 > xx.size()) continue;  // nearly one row per category: proves nothing
        size_t right = 0;
        for (const auto& [cat, counts] : per_cat) right += *std::max_element(counts.begin(), counts.end());
        double acc = double(right) / double(xx.size());
        if (acc > 0.98) {
          any = true;
          out.push_back({"leakage", c.name, CheckStatus::Fail,
                         "this feature alone predicts the target for " + pct(acc) +
                             " of rows; check that it is known before the outcome, or drop it."});
        }
        continue;
      }
    }
    if (task.task == Task::Binary) {
      double auc = roc_auc(yy, xx);
      if (std::isnan(auc)) continue;
      auc = std::max(auc, 1.0 - auc);
      if (auc > 0.98) {
        any = true;
        out.push_back({"leakage", c.name, CheckStatus::Fail,
                       "this feature alone separates the classes almost perfectly (ROC AUC " + short_number(auc) +
                           "); check that it is known before the outcome, or drop it."});
      }
    } else if (task.task == Task::Regression) {
      double mx = 0, my = 0;
      for (size_t i = 0; i < xx.size(); ++i) mx += xx[i], my += yy[i];
      mx /= double(xx.size());
      my /= double(yy.size());
      double sxy = 0, sxx = 0, syy = 0;
      for (size_t i = 0; i < xx.size(); ++i)
        sxy += (xx[i] - mx) * (yy[i] - my), sxx += (xx[i] - mx) * (xx[i] - mx), syy += (yy[i] - my) * (yy[i] - my);
      if (sxx == 0 || syy == 0) continue;
      double corr = sxy / std::sqrt(sxx * syy);
      if (std::fabs(corr) > 0.98) {
        any = true;
        out.push_back({"leakage", c.name, CheckStatus::Fail,
                       "this feature alone tracks the target almost exactly (correlation " + short_number(corr) +
                           "); check that it is known before the outcome, or drop it."});
      }
    }
  }
  if (!any) out.push_back({"leakage", "", CheckStatus::Pass, "no single feature predicts the target almost perfectly"});
}

}  // namespace

std::vector<QualityCheck> run_quality_checks(const Table& t, const std::string& task_choice) {
  std::vector<QualityCheck> out;
  check_missing(t, out);
  check_ranges(t, out);
  check_duplicates(t, out);
  check_constant(t, out);
  TargetTask task;
  std::vector<double> y;
  if (target_labels(t, task_choice, task, y)) {
    check_balance(task, y, t.target()->name, out);
    check_leakage(t, task, y, out);
  } else {
    out.push_back({"class_balance", "", CheckStatus::Warn,
                   "no usable target column; choose one (data.set_target) to check balance and leakage"});
  }
  return out;
}

}  // namespace lab
