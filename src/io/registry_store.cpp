#include "io/registry_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/registry/registry_json.hpp"
#include "io/simple_yaml.hpp"
#include "io/text_file.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace lab {


void RegistryStore::save(const RegisteredModel& m) {
  fs::path dir = root_ / m.name;
  write_text_file(dir / "meta.yaml", yaml::dump({{"creation_timestamp", yaml::Value::integer(m.created_ms)},
                                                 {"description", yaml::Value::string(m.description)},
                                                 {"last_updated_timestamp", yaml::Value::integer(m.updated_ms)},
                                                 {"name", yaml::Value::string(m.name)}}));
  fs::remove_all(dir / "aliases");  // aliases may have been deleted
  for (const auto& [alias, version] : m.aliases) write_text_file(dir / "aliases" / alias, std::to_string(version));
  for (const auto& v : m.versions) {
    fs::path vd = dir / ("version-" + std::to_string(v.version));
    write_text_file(vd / "meta.yaml",
                    yaml::dump({{"aliases", yaml::Value::empty_list()},
                                {"creation_timestamp", yaml::Value::integer(v.created_ms)},
                                {"current_stage", yaml::Value::string(v.stage)},
                                {"description", yaml::Value::string(v.description)},
                                {"last_updated_timestamp", yaml::Value::integer(v.updated_ms)},
                                {"name", yaml::Value::string(m.name)},
                                {"run_id", yaml::Value::string(v.run_id)},
                                {"run_link", yaml::Value::string("")},
                                {"source", yaml::Value::string(v.source)},
                                {"status", yaml::Value::string("READY")},
                                {"status_message", yaml::Value::null()},
                                {"storage_location", yaml::Value::string(v.source)},
                                {"user_id", yaml::Value::string(v.user_id)},
                                {"version", yaml::Value::integer(v.version)}}));
    write_text_file(vd / "lab_version.json", json{{"lineage", to_json(v.lineage)}, {"model_card", to_json(v.card)}}.dump(2));
  }
  json history = json::array();
  for (const auto& e : m.history) history.push_back(to_json(e));
  write_text_file(dir / "lab_history.json", history.dump(2));
  if (on_write_) on_write_();
}

std::map<std::string, RegisteredModel> RegistryStore::load_all() const {
  std::map<std::string, RegisteredModel> out;
  if (!fs::exists(root_)) return out;
  for (const auto& e : fs::directory_iterator(root_)) {
    if (!e.is_directory() || !fs::exists(e.path() / "meta.yaml")) continue;
    try {
      auto meta = yaml::parse(read_text_file(e.path() / "meta.yaml"));
      RegisteredModel m;
      m.name = meta["name"].value_or(e.path().filename().string());
      m.description = meta["description"].value_or("");
      m.created_ms = yaml::to_int(meta["creation_timestamp"], 0);
      m.updated_ms = yaml::to_int(meta["last_updated_timestamp"], 0);
      for (const auto& ve : fs::directory_iterator(e.path())) {
        std::string n = ve.path().filename().string();
        if (!ve.is_directory() || n.rfind("version-", 0) != 0 || !fs::exists(ve.path() / "meta.yaml")) continue;
        auto vm = yaml::parse(read_text_file(ve.path() / "meta.yaml"));
        ModelVersion v;
        v.version = int(yaml::to_int(vm["version"], 0));
        v.run_id = vm["run_id"].value_or("");
        v.source = vm["source"].value_or("");
        v.description = vm["description"].value_or("");
        v.stage = vm["current_stage"].value_or("None");
        v.user_id = vm["user_id"].value_or("");
        v.created_ms = yaml::to_int(vm["creation_timestamp"], 0);
        v.updated_ms = yaml::to_int(vm["last_updated_timestamp"], 0);
        if (fs::exists(ve.path() / "lab_version.json")) {
          json extra = json::parse(read_text_file(ve.path() / "lab_version.json"), nullptr, false);
          if (extra.is_object()) {
            v.lineage = lineage_from_json(extra.value("lineage", json::object()));
            v.card = card_from_json(extra.value("model_card", json::object()));
          }
        }
        m.versions.push_back(v);
      }
      std::sort(m.versions.begin(), m.versions.end(),
                [](const ModelVersion& a, const ModelVersion& b) { return a.version < b.version; });
      if (fs::exists(e.path() / "aliases"))
        for (const auto& a : fs::directory_iterator(e.path() / "aliases"))
          m.aliases[a.path().filename().string()] = std::stoi(read_text_file(a.path()));
      if (fs::exists(e.path() / "lab_history.json")) {
        json h = json::parse(read_text_file(e.path() / "lab_history.json"), nullptr, false);
        if (h.is_array())
          for (const auto& x : h) m.history.push_back(event_from_json(x));
      }
      out[m.name] = std::move(m);
    } catch (const std::exception&) {
      // A damaged model folder is skipped rather than hiding every other model.
    }
  }
  return out;
}

}  // namespace lab
