#pragma once
// The registry side of a session: registered models and their versions, made from runs in the
// tracking store, persisted beside them (models/ in the same mlruns folder).
#include <functional>
#include <string>

#include "core/registry/registry.hpp"
#include "io/file_store.hpp"
#include "io/registry_store.hpp"

namespace lab {

class ModelHub {
 public:
  ModelHub(FileStore& runs, const Clock& clock);

  const Registry& registry() const { return registry_; }
  // Reads the registry files again: another process (a `lab` command, an import) may have
  // moved an alias. `lab serve` calls it when the files change.
  void reload() { registry_.restore(store_.load_all()); }
  void set_on_write(std::function<void()> cb) { store_.set_on_write(std::move(cb)); }

  // How a run joins the registry.
  struct RegisterOptions {
    bool new_model = false;     // the name must be new: refuse when a model of that name exists
    bool allow_mixing = false;  // register even if target, task or inputs differ (endpoints will refuse it)
  };
  // Registers the model of a finished run as a new version, with lineage taken from the run
  // (dataset name and hash tags, params, final metrics, the signature of its contract). Refuses
  // a run whose target, task or inputs differ from the model's versions, saying how to fix it.
  // Returns the version number.
  int register_run(const std::string& model_name, const std::string& run_id, const std::string& user,
                   RegisterOptions options);
  int register_run(const std::string& model_name, const std::string& run_id, const std::string& user) {
    return register_run(model_name, run_id, user, RegisterOptions{});
  }
  // What a run's model promises: target and task from its tags, inputs from its contract.
  ModelSignature run_signature(const std::string& run_id) const;
  // A model name not yet taken that describes the run, e.g. "churn-Churn" -> "churn-model".
  std::string suggest_model_name(const std::string& run_id) const;
  void set_alias(const std::string& name, const std::string& alias, int version, const std::string& comment);
  void delete_alias(const std::string& name, const std::string& alias, const std::string& comment);
  void transition(const std::string& name, int version, const std::string& stage, const std::string& comment,
                  bool archive_existing);
  int rollback(const std::string& name, const std::string& alias, const std::string& comment);
  void set_model_card(const std::string& name, int version, const ModelCard& card);
  void set_description(const std::string& name, const std::string& description);

 private:
  void save(const std::string& name) { store_.save(registry_.model(name)); }
  FileStore& runs_;
  Registry registry_;
  RegistryStore store_;
};

}  // namespace lab
