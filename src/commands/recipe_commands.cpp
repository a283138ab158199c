// recipe.replay: a recipe (commands/recipe.hpp: the data steps, then one train.run) replayed
// through the dispatcher, as `lab run recipe.json` does; in the tab (paced) its training step
// becomes train.start, so the session's runner trains it frame by frame like any run.
#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"

namespace lab {

using nlohmann::json;

namespace {

bool replayable(const std::string& cmd) {
  return cmd == "data.generate" || cmd == "data.import_csv" || cmd == "data.set_target" || cmd == "data.set_role" ||
         cmd == "data.set_task" || cmd == "train.run" || cmd == "train.start";
}

}  // namespace

void register_recipe_commands(Dispatcher& d, Session&) {
  d.add("recipe.replay",
        "replays a recipe (its data steps, then its training step): {recipe: [{cmd, ...}, ...], paced?: false (true: the "
        "training starts and the runner trains it frame by frame, as in the tab)} -> each step's reply; stops at the "
        "first failing step",
        [&d](const json& a) {
          if (!a.contains("recipe") || !a["recipe"].is_array() || a["recipe"].empty())
            throw std::invalid_argument("field 'recipe' must be a non-empty list of commands");
          const bool paced = a.value("paced", false);
          for (size_t i = 0; i < a["recipe"].size(); ++i) {
            const json& step = a["recipe"][i];
            if (!step.is_object() || !step.contains("cmd") || !step["cmd"].is_string())
              throw std::invalid_argument("recipe step " + std::to_string(i + 1) + " is not a command: {\"cmd\": ...}");
            const std::string cmd = step["cmd"];
            if (!replayable(cmd))
              throw std::invalid_argument("recipe step " + std::to_string(i + 1) + " is '" + cmd +
                                          "'; a recipe holds data steps (data.generate, data.import_csv, data.set_target, "
                                          "data.set_role, data.set_task) and a training step (train.run)");
          }
          json replies = json::array();
          for (json step : a["recipe"]) {
            if (paced && step["cmd"] == "train.run") step["cmd"] = "train.start";
            json reply = d.handle(step);
            const bool ok = reply.value("ok", false);
            replies.push_back(reply);
            if (!ok)
              return json{{"ok", false}, {"replies", replies},
                          {"error", "the recipe stopped at " + step["cmd"].get<std::string>() + ": " +
                                        reply.value("error", std::string("it failed"))}};
          }
          json out = {{"replies", replies}};
          const json& last = replies.back();
          if (last.contains("run_id")) out["run_id"] = last["run_id"];
          return out;
        });
}

}  // namespace lab
