#include "core/registry/registry_json.hpp"

namespace lab {

using nlohmann::json;

json to_json(const Lineage& l) {
  return {{"dataset_name", l.dataset_name}, {"dataset_hash", l.dataset_hash}, {"quality_summary", l.quality_summary},
          {"params", l.params},             {"metrics", l.metrics},           {"served_by", l.served_by},
          {"signature", to_json(l.signature)}};
}

json to_json(const ModelCard& c) {
  return {{"intended_use", c.intended_use}, {"data", c.data}, {"metrics", c.metrics}, {"caveats", c.caveats}};
}

json to_json(const RegistryEvent& e) {
  return {{"time_ms", e.time_ms}, {"kind", e.kind}, {"subject", e.subject},
          {"from", e.from},       {"to", e.to},     {"comment", e.comment}};
}

Lineage lineage_from_json(const json& j) {
  Lineage l;
  if (!j.is_object()) return l;
  l.dataset_name = j.value("dataset_name", "");
  l.dataset_hash = j.value("dataset_hash", "");
  l.quality_summary = j.value("quality_summary", "");
  l.params = j.value("params", std::map<std::string, std::string>{});
  l.metrics = j.value("metrics", std::map<std::string, double>{});
  l.served_by = j.value("served_by", std::vector<std::string>{});
  l.signature = signature_from_json(j.value("signature", json()));
  return l;
}

ModelCard card_from_json(const json& j) {
  if (!j.is_object()) return {};
  return {j.value("intended_use", ""), j.value("data", ""), j.value("metrics", ""), j.value("caveats", "")};
}

RegistryEvent event_from_json(const json& j) {
  return {j.value("time_ms", int64_t(0)), j.value("kind", ""), j.value("subject", ""),
          j.value("from", ""),            j.value("to", ""),   j.value("comment", "")};
}

}  // namespace lab
