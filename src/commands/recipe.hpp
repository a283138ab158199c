#pragma once
// A replayable recipe: the lab's own command list that remakes the current dataset (from the
// dataset journal: the workshop generator with its rows and seed, or the imported CSV's text,
// then every target, role and task change) and trains one model with the given request.
// Replayed by `lab run recipe.json` or the dispatcher, it gives the same run, metric for metric,
// bit for bit (the same data hash, split, pipeline and learner seed).
#include <nlohmann/json.hpp>
#include <string>

#include "commands/session.hpp"

namespace lab {

// Throws std::invalid_argument when there is no dataset or its journal is missing.
nlohmann::json recipe_for(const Session& s, const TrainRequest& req, const std::string& run_name);
// The same from given journal steps (DatasetJournal::steps(), origin first) and the text of an
// imported origin: what a recipe for an earlier version of the data is made of.
nlohmann::json recipe_from_steps(const nlohmann::json& steps, const std::string& imported_text, const TrainRequest& req,
                                 const std::string& run_name);

}  // namespace lab
