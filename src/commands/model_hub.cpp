#include "commands/model_hub.hpp"

#include <cctype>
#include <stdexcept>

#include "core/serve/contract.hpp"

namespace lab {

ModelHub::ModelHub(FileStore& runs, const Clock& clock) : runs_(runs), registry_(clock), store_(runs.root()) {
  registry_.restore(store_.load_all());
}

ModelSignature ModelHub::run_signature(const std::string& run_id) const {
  Run run = runs_.get_run(run_id);
  ModelSignature sig;
  try {
    sig = signature_of(InferenceContract::from_json(nlohmann::json::parse(runs_.read_artifact(run_id, "model/contract.json"))));
  } catch (const std::exception&) {
    return sig;  // no contract (a failed or foreign run): nothing to compare
  }
  // Contracts of older runs lack the target: the run's tags have it.
  auto tag = [&](const char* k) {
    auto it = run.tags.find(k);
    return it == run.tags.end() ? std::string() : it->second;
  };
  if (sig.target.empty()) sig.target = tag("lab.target");
  if (sig.task.empty()) sig.task = tag("lab.task");
  return sig;
}

std::string ModelHub::suggest_model_name(const std::string& run_id) const {
  std::string base;
  try {
    Run run = runs_.get_run(run_id);
    auto it = run.tags.find("lab.dataset.name");
    if (it != run.tags.end()) base = it->second;
  } catch (const std::exception&) {
  }
  std::string clean;
  for (char c : base) clean += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
  if (clean.empty()) clean = "new";
  std::string name = clean + "-model";
  for (int i = 2; registry_.models().count(name); ++i) name = clean + "-model-" + std::to_string(i);
  return name;
}

int ModelHub::register_run(const std::string& model_name, const std::string& run_id, const std::string& user,
                           RegisterOptions options) {
  validate_model_name(model_name);
  if (options.new_model && registry_.models().count(model_name))
    throw std::invalid_argument("a registered model named '" + model_name + "' already exists; choose another name for the new model, e.g. '" +
                                suggest_model_name(run_id) + "'");
  Run run = runs_.get_run(run_id);
  if (run.info.status != RunStatus::Finished)
    throw std::invalid_argument("run " + run.info.run_name + " did not finish (status " + to_string(run.info.status) +
                                "); only finished runs can be registered");
  Lineage lin;
  auto tag = [&](const char* k) {
    auto it = run.tags.find(k);
    return it == run.tags.end() ? std::string() : it->second;
  };
  lin.dataset_name = tag("lab.dataset.name");
  lin.dataset_hash = tag("lab.dataset.hash");
  lin.quality_summary = tag("lab.dataset.quality");
  lin.params = run.params;
  for (const auto& [key, hist] : run.metrics)
    if (const MetricPoint* p = run.latest(key)) lin.metrics[key] = p->value;
  lin.signature = run_signature(run_id);
  int v = 0;
  try {
    v = registry_.create_version(model_name, run_id, "runs:/" + run_id + "/model", lin, user, options.allow_mixing);
  } catch (const ModelMixError& e) {
    throw ModelMixError(std::string("Not registered: ") + e.what() + " Register it under another name as a new model, e.g. '" +
                        suggest_model_name(run_id) + "', or train on the data '" + model_name + "' was trained on.");
  }
  save(model_name);
  return v;
}

void ModelHub::set_alias(const std::string& name, const std::string& alias, int version, const std::string& comment) {
  registry_.set_alias(name, alias, version, comment);
  save(name);
}

void ModelHub::delete_alias(const std::string& name, const std::string& alias, const std::string& comment) {
  registry_.delete_alias(name, alias, comment);
  save(name);
}

void ModelHub::transition(const std::string& name, int version, const std::string& stage, const std::string& comment,
                          bool archive_existing) {
  registry_.transition_stage(name, version, stage, comment, archive_existing);
  save(name);
}

int ModelHub::rollback(const std::string& name, const std::string& alias, const std::string& comment) {
  int v = registry_.rollback_alias(name, alias, comment);
  save(name);
  return v;
}

void ModelHub::set_model_card(const std::string& name, int version, const ModelCard& card) {
  registry_.set_model_card(name, version, card);
  save(name);
}

void ModelHub::set_description(const std::string& name, const std::string& description) {
  registry_.set_description(name, description);
  save(name);
}

}  // namespace lab
