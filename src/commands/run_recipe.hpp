#pragma once
// The recipe of any finished run (commands/recipe.hpp's command list), and the dataset a recipe
// makes. An AutoML winner has its recipe saved beside it (recipe.json); any other run's is made
// from its logged request and the dataset journal's steps up to the version the run trained on
// (its lab.dataset.hash tag). A run on data the journal no longer holds has no recipe: the
// message says which data to load again.
#include <nlohmann/json.hpp>
#include <string>

#include "commands/session.hpp"

namespace lab {

// Throws std::invalid_argument saying why when the run is unknown or cannot be replayed.
nlohmann::json recipe_of_run(const Session& s, const std::string& run_id);

// The train.run step of a recipe as a request (throws when the recipe has none).
TrainRequest train_request_in(const nlohmann::json& recipe);

// The dataset a recipe's data steps make. The session's current dataset when it is that version
// (want_hash), else the steps replayed in a scratch session under the system's temporary folder,
// removed afterwards. Throws when a step fails or the result is not the version wanted.
DatasetVersion dataset_of_recipe(const Session& s, const nlohmann::json& recipe, const std::string& want_hash);

}  // namespace lab
