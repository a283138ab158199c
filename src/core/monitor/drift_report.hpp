#pragma once
// A data drift report between a reference (e.g. the model's training data) and a current window,
// column by column, with Evidently's default rules (../shared/reference/BROWSER-ML-ANCHORS.md §3):
//   reference rows <= 1000: numeric with > 5 distinct values -> two-sample Kolmogorov-Smirnov;
//     2 distinct values or fewer -> Z test on two proportions; otherwise -> chi-squared;
//     drift when p < 0.05 (K-S: p <= 0.05, as Evidently).
//   reference rows > 1000: numeric with > 5 distinct values -> Wasserstein distance divided by
//     the reference's standard deviation (at least 0.001); otherwise -> Jensen-Shannon distance;
//     drift when the distance >= 0.1.
// Distinct values are counted over both sides together; missing values (NaN) are left out
// first, as Evidently does, and the report says how many. The dataset drifts when the share of
// drifted columns reaches `drift_share` (0.5).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/data/table.hpp"

namespace lab {

// One column on one side: numbers (NaN = missing) or category labels ("" = missing).
struct DriftSample {
  bool categorical = false;
  std::vector<double> numbers;
  std::vector<std::string> labels;
  size_t size() const { return categorical ? labels.size() : numbers.size(); }
};

enum class DriftTest { KolmogorovSmirnov, ChiSquared, ZTest, Wasserstein, JensenShannon };
const char* drift_test_id(DriftTest t);    // "ks", "chisquare", "z", "wasserstein", "jensenshannon"
const char* drift_test_name(DriftTest t);  // "K-S p-value", ...

struct DriftOptions {
  double drift_share = 0.5;         // dataset drift when drifted / tested >= this
  size_t small_reference_rows = 1000;  // up to this many reference rows: tests with p-values
  double p_threshold = 0.05;
  double distance_threshold = 0.1;
  int overlay_bins = 12;            // bars in the reference-vs-current overlay of a numeric column
};

// Shares of the two sides over the same bins, for a small overlay chart.
struct DriftOverlay {
  std::vector<std::string> bins;
  std::vector<double> reference, current;
  std::vector<double> edges;  // numeric columns: bins + 1 bin edges, so a chart can draw a number axis
};

struct ColumnDrift {
  std::string column, type;  // type: numeric | categorical
  bool tested = false;       // false: not enough values (see `problem`)
  DriftTest test = DriftTest::KolmogorovSmirnov;
  std::string why;           // why this test was chosen, in words
  double statistic = 0;      // K-S D, chi-squared, z, normed Wasserstein, Jensen-Shannon distance
  std::optional<double> p_value;
  double score = 0;          // p-value for the p-value tests, else the distance: what the threshold judges
  double threshold = 0;
  bool drifted = false;
  size_t reference_values = 0, current_values = 0, reference_missing = 0, current_missing = 0, distinct = 0;
  std::vector<std::string> notes;  // constant column, missing values left out, ...
  std::string problem;             // when not tested
  DriftOverlay overlay;
  nlohmann::json to_json() const;
};

struct DriftReport {
  std::vector<ColumnDrift> columns;  // in the reference's column order
  size_t tested = 0, drifted = 0, reference_rows = 0, current_rows = 0;
  double share = 0, drift_share = 0.5;
  bool dataset_drift = false;
  std::string verdict;  // one sentence for a beginner
  nlohmann::json to_json() const;
};

// One column; `forced` runs that test instead of the default rule (the reference fixtures do).
ColumnDrift column_drift(const std::string& name, const DriftSample& reference, const DriftSample& current,
                         const DriftOptions& options = {}, std::optional<DriftTest> forced = std::nullopt);

// Every column of `reference` (or only `columns`, when given) against the same column of
// `current`. Throws std::invalid_argument, saying what to fix, for an empty side, a column one
// side lacks, or a column that is numeric on one side and text on the other.
DriftReport drift_report(const Table& reference, const Table& current, const DriftOptions& options = {},
                         const std::vector<std::string>& columns = {});

DriftSample drift_sample_of(const Column& c);

}  // namespace lab
