#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"
#include "commands/model_gates.hpp"
#include "core/registry/registry_json.hpp"

namespace lab {

using nlohmann::json;

namespace {

// Lineage as stored, with where the version is served now (the serving hub knows).
json lineage_json(const ModelVersion& v, const RegisteredModel& m, const Session& s) {
  json l = to_json(v.lineage);
  l["served_by"] = s.serving().served_by(m.name, v.version);
  return l;
}

json version_json(const ModelVersion& v, const RegisteredModel& m, const Session& s) {
  json aliases = json::array();
  for (const auto& [a, n] : m.aliases)
    if (n == v.version) aliases.push_back(a);
  return {{"version", v.version},
          {"run_id", v.run_id},
          {"source", v.source},
          {"stage", v.stage},
          {"aliases", aliases},
          {"created_ms", v.created_ms},
          {"lineage", lineage_json(v, m, s)},
          {"model_card", to_json(v.card)}};
}

json model_json(const RegisteredModel& m, const Session& s) {
  json versions = json::array();
  for (const auto& v : m.versions) versions.push_back(version_json(v, m, s));
  json history = json::array();
  for (const auto& e : m.history) history.push_back(to_json(e));
  return {{"name", m.name}, {"description", m.description}, {"aliases", m.aliases},
          {"versions", versions}, {"history", history}};
}

// An optional true/false field; anything but a boolean is a mistake worth naming.
bool flag(const json& a, const char* key) {
  if (!a.contains(key) || a[key].is_null()) return false;
  if (!a[key].is_boolean()) throw std::invalid_argument(std::string("field '") + key + "' must be true or false, got " + a[key].dump());
  return a[key].get<bool>();
}

int version_arg(const json& a) {
  int64_t v = args::integer(a, "version", -1);
  if (v < 1) throw std::invalid_argument("field 'version' is required: a version number such as 1");
  return int(v);
}

}  // namespace

void register_registry_commands(Dispatcher& d, Session& s) {
  d.add("registry.register",
        "register a finished run's model as a new version: {model, run_id, new_model?: true (the name must be new), "
        "allow_mixing?: true (register even if target, task or inputs differ from the model's versions)}; a run whose "
        "target, task or inputs differ is refused with the reason",
        [&s](const json& a) {
          std::string name = args::required_str(a, "model");
          ModelHub::RegisterOptions o;
          o.new_model = flag(a, "new_model");
          o.allow_mixing = flag(a, "allow_mixing");
          int v = s.models().register_run(name, args::required_str(a, "run_id"), s.user(), o);
          return json{{"model", name}, {"version", v}};
        });
  d.add("registry.list", "registered models with versions, aliases, stages and history", [&s](const json&) {
    json out = json::array();
    for (const auto& [name, m] : s.models().registry().models()) out.push_back(model_json(m, s));
    return json{{"models", out}};
  });
  d.add("registry.get", "one registered model: {model}", [&s](const json& a) {
    return model_json(s.models().registry().model(args::required_str(a, "model")), s);
  });
  register_gate_commands(d, s);
  d.add("registry.set_alias",
        "point an alias (champion, challenger, ...) at a version: {model, alias, version, comment, override?: true (take "
        "@champion although the model's required gates failed; recorded in the history)}",
        [&s](const json& a) {
          std::string name = args::required_str(a, "model"), alias = args::required_str(a, "alias");
          std::string comment = args::str(a, "comment", "");
          const int version = version_arg(a);
          json gates;
          // A model whose gates are required lets a version take @champion only after it passes
          // them, or with an explicit override that the alias history keeps.
          if (a.contains("override") && !a["override"].is_boolean()) throw std::invalid_argument("field 'override' must be true or false");
          if (alias == "champion") {
            ModelGates g(s);
            if (g.suite(name).required) {
              GateReport report = g.run(name, version);
              gates = report.to_json();
              if (!report.passed()) {
                if (!a.value("override", false))
                  throw std::invalid_argument(name + " v" + std::to_string(version) + " failed the promotion gates: " + report.failures() +
                                              ". Improve the model or change the gates; to promote it anyway, send override: true "
                                              "(the history records it)");
                comment = (comment.empty() ? "" : comment + " ") + "[gates overridden: " + report.failures() + "]";
              }
            }
          }
          s.models().set_alias(name, alias, version, comment);
          json out = {{"model", name}, {"alias", alias}, {"version", s.models().registry().version_for_alias(name, alias)}};
          if (!gates.is_null()) out["gates"] = gates;
          return out;
        });
  d.add("registry.delete_alias", "remove an alias: {model, alias, comment}", [&s](const json& a) {
    s.models().delete_alias(args::required_str(a, "model"), args::required_str(a, "alias"), args::str(a, "comment", ""));
    return json::object();
  });
  d.add("registry.transition", "move a version to a stage (None, Staging, Production, Archived): {model, version, stage, comment, archive_existing}",
        [&s](const json& a) {
          std::string name = args::required_str(a, "model");
          bool archive = a.contains("archive_existing") && a["archive_existing"].is_boolean() && a["archive_existing"].get<bool>();
          s.models().transition(name, version_arg(a), args::required_str(a, "stage"), args::str(a, "comment", ""), archive);
          return model_json(s.models().registry().model(name), s);
        });
  d.add("registry.rollback", "move an alias back to the version it pointed to before: {model, alias, comment}",
        [&s](const json& a) {
          std::string name = args::required_str(a, "model"), alias = args::str(a, "alias", "champion");
          int v = s.models().rollback(name, alias, args::str(a, "comment", ""));
          return json{{"model", name}, {"alias", alias}, {"version", v}};
        });
  d.add("registry.set_card", "edit a version's model card: {model, version, intended_use, data, metrics, caveats}",
        [&s](const json& a) {
          std::string name = args::required_str(a, "model");
          ModelCard c{args::str(a, "intended_use", ""), args::str(a, "data", ""), args::str(a, "metrics", ""),
                      args::str(a, "caveats", "")};
          s.models().set_model_card(name, version_arg(a), c);
          return json{{"model", name}};
        });
}

}  // namespace lab
