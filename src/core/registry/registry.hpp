#pragma once
// The model registry: registered models, their versions (created from runs), aliases such as
// champion/challenger, MLflow's stages with a transition history, one-action rollback, lineage
// and a model card per version. Pure in-memory model; io/registry_store persists it in MLflow's
// registry layout (models/<name>/...).
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/registry/model_signature.hpp"
#include "core/track/clock.hpp"

namespace lab {

inline const std::vector<std::string>& registry_stages() {
  static const std::vector<std::string> s = {"None", "Staging", "Production", "Archived"};
  return s;
}

// Where a version came from: data version -> run -> version, and where it is served.
struct Lineage {
  std::string dataset_name, dataset_hash, quality_summary;
  std::map<std::string, std::string> params;
  std::map<std::string, double> metrics;
  ModelSignature signature;  // target, task and inputs: all versions of a model share them
  std::vector<std::string> served_by;  // endpoints currently routing to this version
};

// Thrown when a run would join a model whose versions predict something else from other inputs.
struct ModelMixError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

struct ModelCard {
  std::string intended_use, data, metrics, caveats;
};

struct ModelVersion {
  int version = 0;
  std::string run_id, source, description, stage = "None", user_id;
  int64_t created_ms = 0, updated_ms = 0;
  Lineage lineage;
  ModelCard card;
};

// One entry per change of stage or alias, newest last: who moved what, when, why.
struct RegistryEvent {
  int64_t time_ms = 0;
  std::string kind;  // "stage" or "alias"
  std::string subject;  // the alias name, or the version number for stage changes
  std::string from, to, comment;
};

struct RegisteredModel {
  std::string name, description;
  int64_t created_ms = 0, updated_ms = 0;
  std::vector<ModelVersion> versions;  // version numbers 1..n in order
  std::map<std::string, int> aliases;
  std::vector<RegistryEvent> history;

  const ModelVersion* find(int version) const;
  ModelVersion* find(int version);
};

// MLflow's name rules (no path separators or '%', <= 250 chars). Throws std::invalid_argument.
void validate_model_name(const std::string& name);
// Aliases: letters, digits, '_' and '-', <= 255 chars; never "latest" nor "v<digits>" (those
// would be ambiguous with version references, as in MLflow).
void validate_alias(const std::string& alias);

class Registry {
 public:
  explicit Registry(const Clock& clock) : clock_(clock) {}

  const std::map<std::string, RegisteredModel>& models() const { return models_; }
  const RegisteredModel& model(const std::string& name) const;  // throws if unknown
  RegisteredModel& model(const std::string& name);

  RegisteredModel& create_model(const std::string& name, const std::string& description);
  // Creates the model if needed; returns the new version number (max + 1). Throws ModelMixError
  // when the lineage's signature differs from the model's latest version with a known one
  // (unless allow_mixing), naming both targets/tasks and the differing inputs.
  int create_version(const std::string& name, const std::string& run_id, const std::string& source,
                     const Lineage& lineage, const std::string& user_id, bool allow_mixing = false);
  // The signature the model's versions share: that of its newest version with a known one.
  ModelSignature signature_of(const std::string& name) const;
  void set_alias(const std::string& name, const std::string& alias, int version, const std::string& comment);
  void delete_alias(const std::string& name, const std::string& alias, const std::string& comment);
  int version_for_alias(const std::string& name, const std::string& alias) const;  // throws if unset
  // Moves a version to a stage; with archive_existing, other versions in that stage go to Archived.
  void transition_stage(const std::string& name, int version, const std::string& stage, const std::string& comment,
                        bool archive_existing);
  // Points the alias back at the version it pointed to before its last move. Returns that version.
  int rollback_alias(const std::string& name, const std::string& alias, const std::string& comment);
  void set_model_card(const std::string& name, int version, const ModelCard& card);
  void set_description(const std::string& name, const std::string& description);
  void set_served_by(const std::string& name, int version, const std::vector<std::string>& endpoints);

  // Replaces everything (loading from storage).
  void restore(std::map<std::string, RegisteredModel> models) { models_ = std::move(models); }

 private:
  ModelVersion& version_ref(const std::string& name, int version);
  const Clock& clock_;
  std::map<std::string, RegisteredModel> models_;
};

}  // namespace lab
