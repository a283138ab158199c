#pragma once
// Runs a model's promotion gates (core/registry/promotion_gates.hpp) on one of its versions: the
// test requests go through a private endpoint built around that version (its contract and model,
// as serving builds them, but with no log), the report is kept beside the version in the
// registry folder (models/<name>/version-<n>/lab_gates.json, which MLflow ignores) and the suite
// beside the model (models/<name>/lab_gates.json). Both survive reloads with the registry.
#include <optional>
#include <string>

#include "core/registry/promotion_gates.hpp"

namespace lab {

class Session;

// A no-regression check measured by the caller on rows both versions are scored on (a retraining
// job's recent labelled requests), instead of each version's own held-out metric: under drift the
// two held-out sets come from different times and do not compare.
struct SameRowsComparison {
  std::string metric;  // e.g. accuracy
  double version_value = 0, champion_value = 0;
  size_t rows = 0;
  std::string rows_are;  // "recent labelled requests"
};

class ModelGates {
 public:
  explicit ModelGates(Session& s) : s_(s) {}

  GateSuite suite(const std::string& model) const;
  GateSuite set_suite(const std::string& model, const nlohmann::json& changes);
  GateReport run(const std::string& model, int version, const std::optional<SameRowsComparison>& same = std::nullopt);
  std::optional<GateReport> last_report(const std::string& model, int version) const;

 private:
  Session& s_;
};

// registry.gates, registry.gates.set, registry.gates.run.
class Dispatcher;
void register_gate_commands(Dispatcher& d, Session& s);

}  // namespace lab
