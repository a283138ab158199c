#include "commands/model_hub.hpp"

#include <stdexcept>

namespace lab {

ModelHub::ModelHub(FileStore& runs, const Clock& clock) : runs_(runs), registry_(clock), store_(runs.root()) {
  registry_.restore(store_.load_all());
}

int ModelHub::register_run(const std::string& model_name, const std::string& run_id, const std::string& user) {
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
  validate_model_name(model_name);
  int v = registry_.create_version(model_name, run_id, "runs:/" + run_id + "/model", lin, user);
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
