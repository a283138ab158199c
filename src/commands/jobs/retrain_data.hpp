#pragma once
// The data a retraining job learns from and judges by: the endpoint's recent requests whose true
// outcome arrived (the last N days of its log), with a sample of the champion's reference data
// (its training rows, rebuilt from the workshop generator) so rare cases the window lacks stay
// known. The table has the champion's columns, types and categories, so the new model keeps the
// champion's contract and the registry takes it as a version of the same model.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands/class_label.hpp"
#include "commands/session.hpp"

namespace lab {

class MonitorHub;

struct RetrainData {
  DatasetVersion data;             // the recent labelled rows first, then the reference sample
  size_t recent = 0, reference = 0;
  int from_day = 0, to_day = 0;    // the window, as monitor.windows numbers days
  std::vector<nlohmann::json> recent_inputs;  // the recent rows' logged inputs (table rows 0..recent-1)
  std::vector<std::string> recent_actual;     // their true outcomes, as labels
};

// Throws std::invalid_argument when the endpoint has no labelled requests in the window, serves a
// regression model, or its model's training data cannot be rebuilt.
RetrainData retrain_data(Session& s, MonitorHub& hub, const std::string& endpoint, const Run& champion_run, int window_days,
                         double reference_share);

// The share of rows a run's model labels right (its saved model.json through the Predictor).
double accuracy_on(const Session& s, const std::string& run_id, const std::vector<nlohmann::json>& inputs,
                   const std::vector<std::string>& actual);


}  // namespace lab
