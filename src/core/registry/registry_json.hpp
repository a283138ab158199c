#pragma once
// JSON forms of the registry's records, shared by the registry store (its lab_*.json files)
// and the registry commands (their replies), so both always say the same thing.
#include <nlohmann/json.hpp>

#include "core/registry/registry.hpp"

namespace lab {

nlohmann::json to_json(const Lineage& l);
nlohmann::json to_json(const ModelCard& c);
nlohmann::json to_json(const RegistryEvent& e);
// Missing fields read as empty, so files written by older versions still load.
Lineage lineage_from_json(const nlohmann::json& j);
ModelCard card_from_json(const nlohmann::json& j);
RegistryEvent event_from_json(const nlohmann::json& j);

}  // namespace lab
