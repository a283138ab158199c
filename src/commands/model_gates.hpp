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

class ModelGates {
 public:
  explicit ModelGates(Session& s) : s_(s) {}

  GateSuite suite(const std::string& model) const;
  GateSuite set_suite(const std::string& model, const nlohmann::json& changes);
  GateReport run(const std::string& model, int version);
  std::optional<GateReport> last_report(const std::string& model, int version) const;

 private:
  Session& s_;
};

// registry.gates, registry.gates.set, registry.gates.run.
class Dispatcher;
void register_gate_commands(Dispatcher& d, Session& s);

}  // namespace lab
