#include "core/monitor/drift_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "core/math/short_number.hpp"
#include "core/monitor/drift_statistics.hpp"

namespace lab {

using nlohmann::json;

const char* drift_test_id(DriftTest t) {
  switch (t) {
    case DriftTest::KolmogorovSmirnov: return "ks";
    case DriftTest::ChiSquared: return "chisquare";
    case DriftTest::ZTest: return "z";
    case DriftTest::Wasserstein: return "wasserstein";
    case DriftTest::JensenShannon: return "jensenshannon";
  }
  return "";
}

const char* drift_test_name(DriftTest t) {
  switch (t) {
    case DriftTest::KolmogorovSmirnov: return "K-S p-value";
    case DriftTest::ChiSquared: return "chi-square p-value";
    case DriftTest::ZTest: return "Z-test p-value";
    case DriftTest::Wasserstein: return "Wasserstein distance (normed)";
    case DriftTest::JensenShannon: return "Jensen-Shannon distance";
  }
  return "";
}

namespace {

// The values one side holds, missing ones left out, and counts per distinct value over both
// sides (keys ascending: numbers by value, labels by their bytes).
struct Prepared {
  std::vector<double> ref_numbers, cur_numbers;  // sorted, numeric columns only
  std::vector<std::string> keys;                 // display form of each distinct value
  std::vector<double> ref_counts, cur_counts;
  size_t ref_missing = 0, cur_missing = 0;
};

Prepared prepare(const DriftSample& ref, const DriftSample& cur) {
  Prepared p;
  if (!ref.categorical) {
    for (double x : ref.numbers) std::isnan(x) ? void(++p.ref_missing) : p.ref_numbers.push_back(x);
    for (double x : cur.numbers) std::isnan(x) ? void(++p.cur_missing) : p.cur_numbers.push_back(x);
    std::sort(p.ref_numbers.begin(), p.ref_numbers.end());
    std::sort(p.cur_numbers.begin(), p.cur_numbers.end());
    // Distinct values of both sorted lists, merged, with counts (stops counting keys past a
    // few hundred: only columns with few values use them).
    size_t i = 0, j = 0;
    while ((i < p.ref_numbers.size() || j < p.cur_numbers.size()) && p.keys.size() <= 256) {
      double x = i < p.ref_numbers.size() && (j >= p.cur_numbers.size() || p.ref_numbers[i] <= p.cur_numbers[j])
                     ? p.ref_numbers[i] : p.cur_numbers[j];
      double a = 0, b = 0;
      while (i < p.ref_numbers.size() && p.ref_numbers[i] == x) { ++i; ++a; }
      while (j < p.cur_numbers.size() && p.cur_numbers[j] == x) { ++j; ++b; }
      p.keys.push_back(short_number(x));
      p.ref_counts.push_back(a);
      p.cur_counts.push_back(b);
    }
  } else {
    std::map<std::string, std::pair<double, double>> counts;
    for (const auto& s : ref.labels) s.empty() ? void(++p.ref_missing) : void(counts[s].first += 1);
    for (const auto& s : cur.labels) s.empty() ? void(++p.cur_missing) : void(counts[s].second += 1);
    for (const auto& [k, c] : counts) {
      p.keys.push_back(k);
      p.ref_counts.push_back(c.first);
      p.cur_counts.push_back(c.second);
    }
  }
  return p;
}

DriftOverlay numeric_overlay(const Prepared& p, int bins) {
  DriftOverlay o;
  double lo = std::min(p.ref_numbers.front(), p.cur_numbers.front());
  double hi = std::max(p.ref_numbers.back(), p.cur_numbers.back());
  if (!(hi > lo)) bins = 1;
  o.reference.assign(size_t(bins), 0.0);
  o.current.assign(size_t(bins), 0.0);
  double width = bins > 1 ? (hi - lo) / bins : 1.0;
  auto bin_of = [&](double x) { return bins == 1 ? 0 : std::min(bins - 1, int((x - lo) / width)); };
  for (double x : p.ref_numbers) o.reference[size_t(bin_of(x))] += 1.0 / double(p.ref_numbers.size());
  for (double x : p.cur_numbers) o.current[size_t(bin_of(x))] += 1.0 / double(p.cur_numbers.size());
  for (int b = 0; b < bins; ++b) o.bins.push_back(short_number(lo + b * width) + (bins > 1 ? ".." + short_number(lo + (b + 1) * width) : ""));
  if (bins > 1)
    for (int b = 0; b <= bins; ++b) o.edges.push_back(b == bins ? hi : lo + b * width);
  return o;
}

DriftOverlay category_overlay(const Prepared& p, int max_bars) {
  std::vector<size_t> order(p.keys.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return p.ref_counts[a] + p.cur_counts[a] > p.ref_counts[b] + p.cur_counts[b];
  });
  double rn = 0, cn = 0;
  for (size_t k = 0; k < p.keys.size(); ++k) { rn += p.ref_counts[k]; cn += p.cur_counts[k]; }
  DriftOverlay o;
  for (size_t r = 0; r < order.size(); ++r) {
    size_t k = order[r];
    if (int(r) == max_bars - 1 && order.size() > size_t(max_bars)) {
      double a = 0, b = 0;
      for (size_t s = r; s < order.size(); ++s) { a += p.ref_counts[order[s]]; b += p.cur_counts[order[s]]; }
      o.bins.push_back("(" + std::to_string(order.size() - r) + " more)");
      o.reference.push_back(a / rn);
      o.current.push_back(b / cn);
      break;
    }
    o.bins.push_back(p.keys[k]);
    o.reference.push_back(p.ref_counts[k] / rn);
    o.current.push_back(p.cur_counts[k] / cn);
  }
  return o;
}

}  // namespace

ColumnDrift column_drift(const std::string& name, const DriftSample& reference, const DriftSample& current,
                         const DriftOptions& options, std::optional<DriftTest> forced) {
  ColumnDrift d;
  d.column = name;
  d.type = reference.categorical ? "categorical" : "numeric";
  Prepared p = prepare(reference, current);
  d.reference_missing = p.ref_missing;
  d.current_missing = p.cur_missing;
  d.reference_values = reference.size() - p.ref_missing;
  d.current_values = current.size() - p.cur_missing;
  d.distinct = p.keys.size();
  if (d.reference_values == 0 || d.current_values == 0) {
    const char* side = d.reference_values == 0 ? "reference" : "current";
    d.problem = std::string("every value of '") + name + "' is missing in the " + side +
                " data, so there is nothing to compare; fill the column or leave it out";
    return d;
  }
  if (p.ref_missing || p.cur_missing)
    d.notes.push_back(std::to_string(p.ref_missing) + " missing in the reference and " + std::to_string(p.cur_missing) +
                      " in the current data were left out of the test");
  if (p.keys.size() == 1)
    d.notes.push_back("one value only (" + p.keys[0] + ") on both sides: the column cannot drift until another value appears");
  else if (!reference.categorical && p.ref_numbers.front() == p.ref_numbers.back())
    d.notes.push_back("constant in the reference (always " + short_number(p.ref_numbers.front()) +
                      "): any other value in the current data counts as drift");

  const bool small = d.reference_values <= options.small_reference_rows;
  const bool many_numbers = !reference.categorical && d.distinct > 5;
  const std::string rows = std::to_string(d.reference_values) + " reference values";
  if (forced) {
    d.test = *forced;
    d.why = "chosen by the caller";
  } else if (small) {
    if (many_numbers) {
      d.test = DriftTest::KolmogorovSmirnov;
      d.why = rows + " (<= " + std::to_string(options.small_reference_rows) + ") of a number with more than 5 distinct values";
    } else if (d.distinct <= 2) {
      d.test = DriftTest::ZTest;
      d.why = rows + " (<= " + std::to_string(options.small_reference_rows) + ") of a column with at most 2 values";
    } else {
      d.test = DriftTest::ChiSquared;
      d.why = rows + " (<= " + std::to_string(options.small_reference_rows) + ") of " +
              (reference.categorical ? "categories" : "a number with at most 5 distinct values");
    }
  } else if (many_numbers) {
    d.test = DriftTest::Wasserstein;
    d.why = rows + " (> " + std::to_string(options.small_reference_rows) + ") of a number with more than 5 distinct values";
  } else {
    d.test = DriftTest::JensenShannon;
    d.why = rows + " (> " + std::to_string(options.small_reference_rows) + ") of " +
            (reference.categorical ? "categories" : "a number with at most 5 distinct values");
  }
  if ((d.test == DriftTest::KolmogorovSmirnov || d.test == DriftTest::Wasserstein) && reference.categorical)
    throw std::invalid_argument("'" + name + "' holds categories; " + drift_test_name(d.test) + " needs numbers");

  switch (d.test) {
    case DriftTest::KolmogorovSmirnov: {
      StatisticResult r = ks_two_sample(p.ref_numbers, p.cur_numbers);
      d.statistic = r.statistic;
      d.p_value = r.p_value;
      d.threshold = options.p_threshold;
      d.drifted = r.p_value <= options.p_threshold;
      break;
    }
    case DriftTest::ChiSquared: {
      // Evidently: expected = the reference's counts scaled to the current number of values.
      double k_norm = double(d.current_values) / double(d.reference_values);
      std::vector<double> expected(p.keys.size());
      for (size_t k = 0; k < p.keys.size(); ++k) expected[k] = p.ref_counts[k] * k_norm;
      StatisticResult r = chi_square_test(p.cur_counts, expected);
      d.statistic = r.statistic;
      d.p_value = r.p_value;
      d.threshold = options.p_threshold;
      d.drifted = r.p_value < options.p_threshold;
      break;
    }
    case DriftTest::ZTest: {
      if (p.keys.size() > 2) throw std::invalid_argument("the Z test runs on columns with at most two values");
      StatisticResult r;
      if (p.keys.size() == 2)
        r = z_test_two_proportions(uint64_t(p.ref_counts[1]), d.reference_values, uint64_t(p.cur_counts[1]), d.current_values);
      d.statistic = r.statistic;
      d.p_value = r.p_value;
      d.threshold = options.p_threshold;
      d.drifted = r.p_value < options.p_threshold;
      break;
    }
    case DriftTest::Wasserstein: {
      double sd = population_std(p.ref_numbers);
      d.statistic = wasserstein_distance(p.ref_numbers, p.cur_numbers) / std::max(sd, 0.001);
      d.threshold = options.distance_threshold;
      d.drifted = d.statistic >= options.distance_threshold;
      break;
    }
    case DriftTest::JensenShannon: {
      if (p.keys.size() > 256) throw std::invalid_argument("'" + name + "' has too many distinct numbers for Jensen-Shannon per value");
      d.statistic = jensen_shannon_distance(p.ref_counts, p.cur_counts);
      d.threshold = options.distance_threshold;
      d.drifted = d.statistic >= options.distance_threshold;
      break;
    }
  }
  d.score = d.p_value ? *d.p_value : d.statistic;
  d.tested = true;
  d.overlay = many_numbers ? numeric_overlay(p, options.overlay_bins) : category_overlay(p, options.overlay_bins);
  return d;
}

DriftSample drift_sample_of(const Column& c) {
  DriftSample s;
  s.categorical = c.type == ColumnType::Categorical;
  if (!s.categorical) {
    s.numbers = c.values;
    return s;
  }
  s.labels.reserve(c.values.size());
  for (double v : c.values)
    s.labels.push_back(std::isnan(v) || v < 0 || size_t(v) >= c.categories.size() ? std::string() : c.categories[size_t(v)]);
  return s;
}

namespace {
std::string names_of(const Table& t) {
  std::string out;
  for (const auto& c : t.columns) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}
}  // namespace

DriftReport drift_report(const Table& reference, const Table& current, const DriftOptions& options,
                         const std::vector<std::string>& columns) {
  if (reference.rows() == 0)
    throw std::invalid_argument("the reference data has no rows; choose a reference with data (e.g. the model's training data)");
  if (current.rows() == 0)
    throw std::invalid_argument("the current window has no rows; choose a window that has requests, or simulate traffic first");
  if (!(options.drift_share > 0 && options.drift_share <= 1))
    throw std::invalid_argument("the drift share must be above 0 and at most 1 (Evidently's default is 0.5)");
  std::vector<std::string> wanted = columns;
  if (wanted.empty()) {
    for (const auto& c : reference.columns) wanted.push_back(c.name);
    for (const auto& c : current.columns)
      if (!reference.find(c.name))
        throw std::invalid_argument("column '" + c.name + "' is in the current data but not in the reference (reference columns: " +
                                    names_of(reference) + "); compare data with the same columns");
  }
  DriftReport r;
  r.reference_rows = reference.rows();
  r.current_rows = current.rows();
  r.drift_share = options.drift_share;
  for (const auto& name : wanted) {
    const Column* a = reference.find(name);
    const Column* b = current.find(name);
    if (!a) throw std::invalid_argument("the reference has no column '" + name + "' (it has: " + names_of(reference) + ")");
    if (!b) throw std::invalid_argument("the current data has no column '" + name + "' (it has: " + names_of(current) + ")");
    if (a->type != b->type)
      throw std::invalid_argument("column '" + name + "' is " + to_string(a->type) + " in the reference but " + to_string(b->type) +
                                  " in the current data; a drift test compares like with like (check the current file for text in a number column)");
    ColumnDrift d = column_drift(name, drift_sample_of(*a), drift_sample_of(*b), options);
    if (d.tested) {
      ++r.tested;
      if (d.drifted) ++r.drifted;
    }
    r.columns.push_back(std::move(d));
  }
  r.share = r.tested ? double(r.drifted) / double(r.tested) : 0.0;
  r.dataset_drift = r.tested > 0 && r.share >= options.drift_share;
  char pct[16];
  std::snprintf(pct, sizeof pct, "%.0f%%", 100 * r.share);
  std::string counted = std::to_string(r.drifted) + " of " + std::to_string(r.tested) + " columns (" + pct + ")";
  char need[16];
  std::snprintf(need, sizeof need, "%.0f%%", 100 * options.drift_share);
  if (r.tested == 0) r.verdict = "No column could be tested: every one lacks values on one side.";
  else if (r.dataset_drift)
    r.verdict = "The data has drifted: " + counted + " changed, at least the " + need + " that marks a dataset as drifted.";
  else if (r.drifted > 0)
    r.verdict = "Some columns moved (" + counted + "), fewer than the " + need + " that marks the dataset as drifted.";
  else
    r.verdict = "No drift: every column's current values look like the reference's.";
  return r;
}

json ColumnDrift::to_json() const {
  json j = {{"column", column}, {"type", type}, {"tested", tested}};
  if (!tested) {
    j["problem"] = problem;
    return j;
  }
  j["test"] = drift_test_id(test);
  j["test_name"] = drift_test_name(test);
  j["why"] = why;
  j["statistic"] = std::isinf(statistic) ? json("inf") : json(statistic);
  j["p_value"] = p_value ? json(*p_value) : json(nullptr);
  j["score"] = std::isinf(score) ? json("inf") : json(score);
  j["threshold"] = threshold;
  j["drifted"] = drifted;
  j["reference_values"] = reference_values;
  j["current_values"] = current_values;
  j["reference_missing"] = reference_missing;
  j["current_missing"] = current_missing;
  j["distinct"] = distinct;
  j["notes"] = notes;
  j["overlay"] = {{"bins", overlay.bins}, {"reference", overlay.reference}, {"current", overlay.current}};
  if (!overlay.edges.empty()) j["overlay"]["edges"] = overlay.edges;
  return j;
}

json DriftReport::to_json() const {
  json cols = json::array();
  for (const auto& c : columns) cols.push_back(c.to_json());
  return {{"columns", cols}, {"tested", tested}, {"drifted", drifted}, {"share", share}, {"drift_share", drift_share},
          {"dataset_drift", dataset_drift}, {"reference_rows", reference_rows}, {"current_rows", current_rows},
          {"verdict", verdict}};
}

}  // namespace lab
