#include "core/registry/registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace lab {

const ModelVersion* RegisteredModel::find(int version) const {
  for (const auto& v : versions)
    if (v.version == version) return &v;
  return nullptr;
}
ModelVersion* RegisteredModel::find(int version) {
  for (auto& v : versions)
    if (v.version == version) return &v;
  return nullptr;
}

void validate_model_name(const std::string& name) {
  if (name.empty()) throw std::invalid_argument("a registered model needs a name, e.g. loan-approval");
  if (name.size() > 250) throw std::invalid_argument("model name is longer than 250 characters");
  if (name.find_first_of("/\\%") != std::string::npos || name == "." || name == "..")
    throw std::invalid_argument("model name '" + name + "' may not contain '/', '\\' or '%'");
}

void validate_alias(const std::string& alias) {
  if (alias.empty()) throw std::invalid_argument("an alias needs a name, e.g. champion");
  if (alias.size() > 255) throw std::invalid_argument("alias is longer than 255 characters");
  for (char c : alias)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'))
      throw std::invalid_argument("alias '" + alias + "' may contain only letters, digits, '_' and '-'");
  std::string lower = alias;
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  bool version_like = lower.size() > 1 && lower[0] == 'v' &&
                      std::all_of(lower.begin() + 1, lower.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (lower == "latest" || version_like)
    throw std::invalid_argument("alias '" + alias + "' is reserved ('latest' and 'v<number>' name versions); choose another, e.g. champion");
}

const RegisteredModel& Registry::model(const std::string& name) const {
  auto it = models_.find(name);
  if (it == models_.end()) throw std::invalid_argument("no registered model named '" + name + "'");
  return it->second;
}
RegisteredModel& Registry::model(const std::string& name) {
  return const_cast<RegisteredModel&>(static_cast<const Registry&>(*this).model(name));
}

RegisteredModel& Registry::create_model(const std::string& name, const std::string& description) {
  validate_model_name(name);
  if (models_.count(name)) throw std::invalid_argument("a registered model named '" + name + "' already exists");
  RegisteredModel m;
  m.name = name;
  m.description = description;
  m.created_ms = m.updated_ms = clock_.now_ms();
  return models_[name] = std::move(m);
}

ModelSignature Registry::signature_of(const std::string& name) const {
  const RegisteredModel& m = model(name);
  for (auto it = m.versions.rbegin(); it != m.versions.rend(); ++it)
    if (it->lineage.signature.known()) return it->lineage.signature;
  return {};
}

int Registry::create_version(const std::string& name, const std::string& run_id, const std::string& source,
                             const Lineage& lineage, const std::string& user_id, bool allow_mixing) {
  if (run_id.empty()) throw std::invalid_argument("a model version is created from a run: give its run_id");
  if (models_.count(name) && !allow_mixing) {
    ModelSignature established = signature_of(name);
    std::vector<std::string> diffs = signature_differences(established, lineage.signature);
    if (!diffs.empty()) {
      std::string why;
      for (const auto& d : diffs) why += (why.empty() ? "" : "; ") + d;
      throw ModelMixError("'" + name + "' " + established.summary() + ", but this run " + lineage.signature.summary() +
                          " (" + why + "). Its versions must share one contract, or an endpoint serving '" + name +
                          "' could answer with the wrong kind of prediction.");
    }
  }
  if (!models_.count(name)) create_model(name, "");
  RegisteredModel& m = models_[name];
  ModelVersion v;
  v.version = m.versions.empty() ? 1 : m.versions.back().version + 1;
  v.run_id = run_id;
  v.source = source;
  v.lineage = lineage;
  v.user_id = user_id;
  v.created_ms = v.updated_ms = m.updated_ms = clock_.now_ms();
  m.versions.push_back(v);
  return v.version;
}

ModelVersion& Registry::version_ref(const std::string& name, int version) {
  ModelVersion* v = model(name).find(version);
  if (!v) throw std::invalid_argument("model '" + name + "' has no version " + std::to_string(version));
  return *v;
}

void Registry::set_alias(const std::string& name, const std::string& alias, int version, const std::string& comment) {
  validate_alias(alias);
  version_ref(name, version);  // must exist
  RegisteredModel& m = model(name);
  auto it = m.aliases.find(alias);
  std::string from = it == m.aliases.end() ? "" : std::to_string(it->second);
  if (from == std::to_string(version)) return;
  m.aliases[alias] = version;
  m.updated_ms = clock_.now_ms();
  m.history.push_back({m.updated_ms, "alias", alias, from, std::to_string(version), comment});
}

void Registry::delete_alias(const std::string& name, const std::string& alias, const std::string& comment) {
  RegisteredModel& m = model(name);
  auto it = m.aliases.find(alias);
  if (it == m.aliases.end()) throw std::invalid_argument("model '" + name + "' has no alias '" + alias + "'");
  m.updated_ms = clock_.now_ms();
  m.history.push_back({m.updated_ms, "alias", alias, std::to_string(it->second), "", comment});
  m.aliases.erase(it);
}

int Registry::version_for_alias(const std::string& name, const std::string& alias) const {
  const RegisteredModel& m = model(name);
  auto it = m.aliases.find(alias);
  if (it == m.aliases.end())
    throw std::invalid_argument("model '" + name + "' has no alias '" + alias + "'; set one in the Registry first");
  return it->second;
}

void Registry::transition_stage(const std::string& name, int version, const std::string& stage,
                                const std::string& comment, bool archive_existing) {
  const auto& stages = registry_stages();
  if (std::find(stages.begin(), stages.end(), stage) == stages.end())
    throw std::invalid_argument("stage '" + stage + "' is not one of None, Staging, Production, Archived");
  ModelVersion& v = version_ref(name, version);
  RegisteredModel& m = model(name);
  int64_t now = clock_.now_ms();
  if (archive_existing && stage != "None" && stage != "Archived")
    for (auto& other : m.versions)
      if (other.version != version && other.stage == stage) {
        m.history.push_back({now, "stage", std::to_string(other.version), other.stage, "Archived",
                             "archived because version " + std::to_string(version) + " moved to " + stage});
        other.stage = "Archived";
        other.updated_ms = now;
      }
  if (v.stage == stage) return;
  m.history.push_back({now, "stage", std::to_string(version), v.stage, stage, comment});
  v.stage = stage;
  v.updated_ms = m.updated_ms = now;
}

int Registry::rollback_alias(const std::string& name, const std::string& alias, const std::string& comment) {
  RegisteredModel& m = model(name);
  int current = version_for_alias(name, alias);
  for (auto it = m.history.rbegin(); it != m.history.rend(); ++it)
    if (it->kind == "alias" && it->subject == alias && it->to == std::to_string(current) && !it->from.empty()) {
      int previous = std::stoi(it->from);
      if (!m.find(previous)) break;
      set_alias(name, alias, previous, comment.empty() ? "rollback" : comment);
      return previous;
    }
  throw std::invalid_argument("alias '" + alias + "' of '" + name + "' has no earlier version to roll back to");
}

void Registry::set_model_card(const std::string& name, int version, const ModelCard& card) {
  ModelVersion& v = version_ref(name, version);
  v.card = card;
  v.updated_ms = clock_.now_ms();
}

void Registry::set_description(const std::string& name, const std::string& description) {
  RegisteredModel& m = model(name);
  m.description = description;
  m.updated_ms = clock_.now_ms();
}

void Registry::set_served_by(const std::string& name, int version, const std::vector<std::string>& endpoints) {
  version_ref(name, version).lineage.served_by = endpoints;
}

}  // namespace lab
