#include "core/registry/model_signature.hpp"

#include <algorithm>

namespace lab {

using nlohmann::json;

namespace {
std::string list(const std::vector<std::string>& names, size_t max_items = 6) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < max_items; ++i) out += (out.empty() ? "" : ", ") + names[i];
  if (names.size() > max_items) out += " and " + std::to_string(names.size() - max_items) + " more";
  return out;
}

const SignatureInput* find_input(const ModelSignature& s, const std::string& name) {
  for (const auto& i : s.inputs)
    if (i.name == name) return &i;
  return nullptr;
}
}  // namespace

std::string ModelSignature::summary() const {
  if (!known()) return "reads " + std::to_string(inputs.size()) + " inputs";
  return "predicts '" + target + "' (" + task + ") from " + std::to_string(inputs.size()) + " input" +
         (inputs.size() == 1 ? "" : "s");
}

std::vector<std::string> signature_differences(const ModelSignature& established, const ModelSignature& candidate) {
  std::vector<std::string> out;
  // Only what both sides recorded is compared (older versions may lack a target or inputs).
  if (!established.target.empty() && !candidate.target.empty() && established.target != candidate.target)
    out.push_back("target: '" + established.target + "' vs '" + candidate.target + "'");
  if (established.known() && candidate.known() && established.task != candidate.task)
    out.push_back("task: " + established.task + " vs " + candidate.task);
  if (established.inputs.empty() || candidate.inputs.empty()) return out;
  std::vector<std::string> missing, extra, retyped;
  for (const auto& i : established.inputs) {
    const SignatureInput* c = find_input(candidate, i.name);
    if (!c) missing.push_back(i.name);
    else if (c->kind != i.kind) retyped.push_back(i.name + " (" + i.kind + " vs " + c->kind + ")");
  }
  for (const auto& i : candidate.inputs)
    if (!find_input(established, i.name)) extra.push_back(i.name);
  if (!missing.empty()) out.push_back("inputs it lacks: " + list(missing));
  if (!extra.empty()) out.push_back("inputs it adds: " + list(extra));
  if (!retyped.empty()) out.push_back("inputs of another kind: " + list(retyped));
  return out;
}

json to_json(const ModelSignature& s) {
  json inputs = json::array();
  for (const auto& i : s.inputs) inputs.push_back({{"name", i.name}, {"kind", i.kind}});
  return {{"target", s.target}, {"task", s.task}, {"inputs", inputs}};
}

ModelSignature signature_from_json(const json& j) {
  ModelSignature s;
  if (!j.is_object()) return s;
  s.target = j.value("target", "");
  s.task = j.value("task", "");
  if (j.contains("inputs") && j["inputs"].is_array())
    for (const auto& i : j["inputs"])
      if (i.is_object()) s.inputs.push_back({i.value("name", ""), i.value("kind", "number")});
  return s;
}

}  // namespace lab
