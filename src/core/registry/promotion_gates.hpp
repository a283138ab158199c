#pragma once
// Model tests as promotion gates (CI/CD for models): the suite a version must pass before it may
// take the @champion alias, and the verdict of each test. The suite belongs to a registered
// model; the report of a run belongs to a version. The commands layer measures (scores requests,
// times them); this file decides, so the rules are in one place and testable without a model.
//   held_out_metric   the version's metric on its held-out rows reaches a minimum
//   no_regression     it is not worse than the current champion's by more than a margin
//   contract          every example request that fits scores, every broken one gets its 422
//   latency           p99 of scoring the example request N times stays under a bound
//   invariance        changing a feature marked irrelevant moves predictions by less than a
//                     tolerance (skipped while no feature is marked)
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace lab {

struct GateSuite {
  bool required = false;     // promotions to @champion are refused when a gate fails
  std::string metric;        // "" = the task's usual one (roc_auc, accuracy, r2)
  double min_metric = 0.7;
  double max_regression = 0.02;  // in the metric's units
  double max_latency_p99_ms = 50;
  int latency_requests = 200;
  std::vector<std::string> invariant_features;
  double invariance_tolerance = 0.05;  // probability (classification) or relative change (regression)

  nlohmann::json to_json() const;
  // Starts from `base` and takes the fields `j` gives, checking each (names the field and the
  // allowed values). `features`: the model's inputs, for invariant_features.
  static GateSuite from_json(const nlohmann::json& j, const GateSuite& base, const std::vector<std::string>& features);
};

// The metric a suite checks for a task (binary, multiclass, regression).
std::string gate_metric(const GateSuite& s, const std::string& task);

struct GateResult {
  std::string gate;    // held_out_metric | no_regression | contract | latency | invariance
  std::string title;   // "held-out roc_auc at least 0.7"
  std::string status;  // passed | failed | skipped
  std::string detail;  // the measured value against the bound, or why skipped
  std::optional<double> value, bound;
  nlohmann::json to_json() const;
};

struct GateReport {
  std::string model;
  int version = 0;
  int64_t time_ms = 0;
  int champion_version = 0;  // the champion it was compared with (0: none)
  std::vector<GateResult> results;
  bool passed() const;                      // no gate failed
  std::string failures() const;             // "no_regression (roc_auc 0.81 is ...); latency (...)"
  nlohmann::json to_json() const;
  static GateReport from_json(const nlohmann::json& j);
};

// The decisions, from what was measured.
GateResult held_out_gate(const std::string& metric, std::optional<double> value, double minimum);
GateResult regression_gate(const std::string& metric, std::optional<double> value, std::optional<double> champion,
                           int champion_version, double margin);
// mismatches: "<preset>: expected 422, got an answer" etc.; checked: how many requests were sent.
GateResult contract_gate(int checked, const std::vector<std::string>& mismatches);
GateResult latency_gate(std::vector<double> latencies_ms, double bound_ms);
// largest_change: the largest change seen per marked feature (same order as features).
GateResult invariance_gate(const std::vector<std::string>& features, const std::vector<double>& largest_change,
                           double tolerance, bool regression);

}  // namespace lab
