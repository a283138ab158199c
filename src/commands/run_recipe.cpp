#include "commands/run_recipe.hpp"

#include <filesystem>
#include <stdexcept>

#include "commands/json_args.hpp"
#include "commands/recipe.hpp"
#include "commands/run_request.hpp"
#include "core/data/dataset_catalog.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace lab {

namespace {

std::string tag_of(const Run& run, const char* key) {
  auto it = run.tags.find(key);
  return it == run.tags.end() ? std::string() : it->second;
}

// The journal's steps up to the last one that made version `hash` (later steps changed the data).
json steps_up_to(const json& steps, const std::string& hash) {
  size_t last = steps.size();
  for (size_t i = 0; i < steps.size(); ++i)
    if (steps[i].value("hash", "") == hash) last = i;
  if (last == steps.size()) return json::array();
  json out = json::array();
  for (size_t i = 0; i <= last; ++i) out.push_back(steps[i]);
  return out;
}

// How the run's data was made, as the run recorded it: the journal's steps (tag lab.dataset.steps),
// or for a run from before that tag its workshop generator, seed and rows (the dataset input's
// source): the replay's hash check tells whether that was all there was to it.
json recorded_steps(const Run& run) {
  json steps = json::parse(tag_of(run, "lab.dataset.steps"), nullptr, false);
  if (steps.is_array() && !steps.empty()) return steps;
  for (const auto& in : run.inputs) {
    json source = json::parse(in.dataset.source, nullptr, false);
    if (!source.is_object() || !source.contains("tags")) continue;
    const json tags = source["tags"];
    const std::string rows = tag_of(run, "lab.dataset.rows");
    if (!tags.contains("lab.generator") || !tags.contains("lab.seed") || rows.empty()) continue;
    try {
      dataset_info(tags["lab.generator"].get<std::string>());  // a workshop dataset, not a file's name
      return json::array({{{"kind", "generate"}, {"name", tags["lab.generator"]}, {"rows", std::stoll(rows)},
                           {"seed", std::stoull(tags["lab.seed"].get<std::string>())}, {"hash", tag_of(run, "lab.dataset.hash")}}});
    } catch (const std::exception&) {
      // Not a workshop dataset, or not numbers: no record to go by.
    }
  }
  return json::array();
}

// The scratch session's folder: removed when the replay ends, however it ends.
struct ScratchFolder {
  fs::path dir;
  ~ScratchFolder() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

json recipe_of_run(const Session& s, const std::string& run_id) {
  const Run run = s.store().get_run(run_id);
  try {
    json saved = json::parse(s.store().read_artifact(run_id, "recipe.json"));
    if (saved.is_array() && !saved.empty()) return saved;
  } catch (const std::exception&) {
    // No saved recipe (only AutoML's refit runs have one): made from the journal below.
  }
  if (run.params.find("algo") == run.params.end())
    throw std::invalid_argument("run " + run_id + " is not a training run (it has no 'algo' param), so it has no recipe");
  const std::string hash = tag_of(run, "lab.dataset.hash");
  const json current = s.dataset_journal().steps();
  json steps = steps_up_to(current, hash);
  if (steps.empty()) steps = recorded_steps(run);
  const bool imported = !steps.empty() && steps[0].value("kind", "") == "import";
  // An imported file's text is kept only for the current dataset's origin.
  const bool text_known = !imported || (!current.empty() && current[0].value("hash", "") == steps[0].value("hash", ""));
  if (hash.empty() || steps.empty() || !text_known)
    throw std::invalid_argument("run " + run_id + " was trained on data the lab no longer holds (" +
                                tag_of(run, "lab.dataset.name") + ", version " + hash.substr(0, 8) +
                                "); load that data again (the same workshop dataset, rows and settings, or the same "
                                "file) and export again");
  return recipe_from_steps(steps, imported ? s.dataset_journal().imported_text() : "", train_request_of(run, s.store()),
                           run.info.run_name);
}

TrainRequest train_request_in(const json& recipe) {
  for (const auto& step : recipe)
    if (step.value("cmd", "") == "train.run") {
      TrainRequest req;
      req.algo = args::str(step, "algo", req.algo);
      req.params = step.value("params", json::object());
      req.seed = uint64_t(args::integer(step, "seed", int64_t(req.seed)));
      req.test_fraction = args::number(step, "test_fraction", req.test_fraction);
      req.task = args::str(step, "task", req.task);
      req.features = step.value("features", json::object());
      return req;
    }
  throw std::invalid_argument("the recipe has no train.run step, so there is no model to write a notebook for");
}

DatasetVersion dataset_of_recipe(const Session& s, const json& recipe, const std::string& want_hash) {
  if (s.dataset() && !want_hash.empty() && s.dataset()->hash == want_hash) return *s.dataset();
  ScratchFolder scratch{fs::temp_directory_path() / ("lab-recipe-" + want_hash.substr(0, 16))};
  fs::remove_all(scratch.dir);
  FixedClock clock;
  Session replay(scratch.dir / "mlruns", clock, 1);
  for (const auto& step : recipe) {
    const std::string cmd = step.value("cmd", "");
    if (cmd == "data.generate")
      replay.generate(args::str(step, "dataset", "loan"), args::integer(step, "rows", 5000), uint64_t(args::integer(step, "seed", 42)));
    else if (cmd == "data.import_csv")
      replay.import_csv(args::str(step, "name", ""), args::str(step, "text", ""), args::str(step, "target", ""));
    else if (cmd == "data.set_target")
      replay.set_target(args::required_str(step, "column"));
    else if (cmd == "data.set_role")
      replay.set_role(args::required_str(step, "column"), args::required_str(step, "role"));
    else if (cmd == "data.set_task")
      replay.set_task(args::required_str(step, "task"));
  }
  if (!replay.dataset()) throw std::invalid_argument("the recipe makes no dataset");
  if (!want_hash.empty() && replay.dataset()->hash != want_hash)
    throw std::invalid_argument("replaying the recipe's data steps gave version " + replay.dataset()->hash.substr(0, 8) +
                                ", not the run's " + want_hash.substr(0, 8) + "; the data cannot be reproduced");
  return *replay.dataset();
}

}  // namespace lab
