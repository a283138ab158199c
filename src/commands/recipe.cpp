#include "commands/recipe.hpp"

#include <stdexcept>

namespace lab {

using nlohmann::json;

json recipe_for(const Session& s, const TrainRequest& req, const std::string& run_name) {
  if (!s.dataset()) throw std::invalid_argument("no dataset loaded, so there is nothing to write a recipe for");
  return recipe_from_steps(s.dataset_journal().steps(), s.dataset_journal().imported_text(), req, run_name);
}

json recipe_from_steps(const json& steps, const std::string& imported_text, const TrainRequest& req,
                       const std::string& run_name) {
  if (steps.empty()) throw std::invalid_argument("the dataset's steps were not saved, so it cannot be replayed");
  json recipe = json::array();
  for (const auto& step : steps) {
    const std::string kind = step.value("kind", "");
    if (kind == "generate")
      recipe.push_back({{"cmd", "data.generate"}, {"dataset", step["name"]}, {"rows", step["rows"]}, {"seed", step["seed"]}});
    else if (kind == "import")
      recipe.push_back({{"cmd", "data.import_csv"}, {"name", step["name"]}, {"target", step["target"]},
                        {"text", imported_text}});
    else if (kind == "target")
      recipe.push_back({{"cmd", "data.set_target"}, {"column", step["column"]}});
    else if (kind == "role")
      recipe.push_back({{"cmd", "data.set_role"}, {"column", step["column"]}, {"role", step["role"]}});
    else if (kind == "task")
      recipe.push_back({{"cmd", "data.set_task"}, {"task", step["task"]}});
  }
  recipe.push_back({{"cmd", "train.run"},
                    {"algo", req.algo},
                    {"params", req.params},
                    {"seed", req.seed},
                    {"test_fraction", req.test_fraction},
                    {"task", req.task},
                    {"features", req.features},
                    {"run_name", run_name}});
  return recipe;
}

}  // namespace lab
