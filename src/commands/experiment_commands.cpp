#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"

namespace lab {

using nlohmann::json;

namespace {
json experiment_json(const Experiment& e, const std::string& selected) {
  return {{"experiment_id", e.experiment_id},   {"name", e.name},
          {"lifecycle_stage", e.lifecycle_stage}, {"creation_time", e.creation_time},
          {"last_update_time", e.last_update_time}, {"artifact_location", e.artifact_location},
          {"tags", e.tags},                      {"selected", e.experiment_id == selected}};
}
}  // namespace

void register_experiment_commands(Dispatcher& d, Session& s) {
  d.add("experiments.list", "experiments: {view: active_only | deleted_only | all}", [&s](const json& a) {
    json out = json::array();
    for (const auto& e : s.store().list_experiments(view_type_from_string(args::str(a, "view", "active_only"))))
      out.push_back(experiment_json(e, s.experiment_id()));
    return json{{"experiments", out}, {"selected", s.experiment_id()}};
  });
  d.add("experiments.create", "new experiment: {name, select?: true}; returns its 18-digit id", [&s](const json& a) {
    std::string name = args::required_str(a, "name");
    std::string id = s.new_experiment_id();
    s.store().create_experiment(id, name);
    if (!a.contains("select") || a["select"] == true) s.select_experiment(id);
    return json{{"experiment_id", id}};
  });
  d.add("experiments.rename", "{experiment_id, name}", [&s](const json& a) {
    s.store().rename_experiment(args::required_str(a, "experiment_id"), args::required_str(a, "name"));
    return json::object();
  });
  d.add("experiments.delete", "move an experiment to .trash (restorable): {experiment_id}", [&s](const json& a) {
    std::string id = args::required_str(a, "experiment_id");
    s.store().delete_experiment(id);
    if (s.experiment_id() == id) s.select_experiment("0");
    return json::object();
  });
  d.add("experiments.restore", "bring an experiment back from .trash: {experiment_id}", [&s](const json& a) {
    s.store().restore_experiment(args::required_str(a, "experiment_id"));
    return json::object();
  });
  d.add("experiments.select", "the experiment new runs go to and the Runs module shows: {experiment_id}",
        [&s](const json& a) {
          s.select_experiment(args::required_str(a, "experiment_id"));
          return json{{"selected", s.experiment_id()}};
        });
}

}  // namespace lab
