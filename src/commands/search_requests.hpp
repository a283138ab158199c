#pragma once
// What the blocking searches (tune.run, automl.run) and the tab's paced search job
// (commands/search_job.hpp: tune.start, automl.start) share: the same request readers, so the
// same arguments mean the same search, and AutoML's data checks and closing steps.
#include <nlohmann/json.hpp>
#include <string>

#include "commands/session.hpp"
#include "core/tune/automl_job.hpp"
#include "core/tune/tune_job.hpp"

namespace lab {

// tune.run's arguments (tune_commands.cpp).
TuneRequest read_tune_request(const nlohmann::json& a, const Session& s);
// automl.run's arguments (automl_commands.cpp).
AutomlRequest read_automl_request(const nlohmann::json& a, const Session& s);

// What the quality checklist warns about or fails for the current dataset: shown before AutoML.
nlohmann::json automl_data_checks(const Session& s);
// How the parent run records an AutoML request (the params a tune parent has).
TuneRequest automl_logged_as(const AutomlRequest& a, const TuneResult& r);
// After the refit: the winner's recipe (written beside the refit run) and, when `register_as` is
// a model name, its registration with the alias challenger (a refusal fails the reply with the
// reason; every run logged stays).
void finish_automl_reply(Session& s, const TuneResult& r, const std::string& register_as, nlohmann::json& j);

}  // namespace lab
