#pragma once
// Production traffic for a deployed model, on a simulated clock: N requests spread over D days,
// each row drawn from the dataset's own generator (a pool the caller generates), shaped by a
// scenario from a drift day on (ramping in over a few days):
//   stable           rows as the generator makes them;
//   covariate_drift  the inputs' distribution moves: rows with a low value of `feature` (a
//                    number) or with its last category (a category) are drawn more often, so
//                    P(inputs) shifts while P(outcome | inputs) stays the generator's;
//   concept_drift    inputs as in stable, but the outcome changes where `feature` is above its
//                    median (or equals its last category): there a share of outcomes flips, so
//                    accuracy falls while the inputs look the same;
//   data_quality     a share of requests arrive broken (a missing field, an impossible value, a
//                    number sent as text), which the contract rejects with 422.
// Outcomes (ground truth) arrive `label_delay_days` after the request; those not arrived by the
// end of the period are left out (actual = null). Pure and seeded: same inputs, same traffic.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/data/table.hpp"

namespace lab {

struct SimulationSpec {
  std::string scenario = "stable";
  int days = 14;
  int64_t requests = 1000;
  uint64_t seed = 1;
  int drift_day = -1;   // first day the scenario acts (day 0 = the first); -1: a third of the way in
  int ramp_days = 3;    // days until the scenario is at full strength
  std::string feature;  // the column the scenario acts on; "" picks one (see default_feature)
  int label_delay_days = 1;
};

struct SimulatedRequest {
  int day = 0;
  int64_t offset_ms = 0;      // since the start of its day
  nlohmann::json request;     // {"features": {...}}
  nlohmann::json actual;      // the true outcome once it arrives, in the prediction's form; null before
  std::string broken;         // data_quality: what was broken ("" = a clean request)
  double strength = 0;        // the scenario's strength that day, 0..1
};

struct SimulationPlan {
  std::vector<SimulatedRequest> requests;  // ordered by day and time of day
  std::string feature;                     // the column the scenario acted on
  int drift_day = 0;
  std::string description;                 // what the scenario does, in one sentence
};

// Names the scenarios; throws std::invalid_argument listing them for anything else.
void check_scenario(const std::string& scenario);
// A column the scenario acts on when none is chosen: "income" or "InternetService" when the
// data has them (the workshops' stories), else the first numeric feature.
std::string default_feature(const Table& pool, const std::vector<std::string>& features);

// `pool`: rows from the generator, its target column included. `features`: the contract's
// fields, in order. `classification`: outcomes are class labels (strings such as "1" or
// "Yes"), otherwise numbers.
SimulationPlan simulate_traffic(const Table& pool, const std::vector<std::string>& features, bool classification,
                                const SimulationSpec& spec);

}  // namespace lab
