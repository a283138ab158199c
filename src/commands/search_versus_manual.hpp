#pragma once
// A search's refit winner beside the participant's own best manual run (the workshop's "AutoML vs
// manual" discussion): manual runs are the experiment's runs that no search made, on the same
// dataset version and the same split (seed and test share), so they were scored on the same test
// rows; the better of them by the search's metric is the one compared.
#include <nlohmann/json.hpp>
#include <string>

#include "commands/session.hpp"
#include "core/tune/tune_job.hpp"

namespace lab {

// {metric, greater_is_better, search: {run_id, value}, manual: {run_id, run_name, algo, value},
// difference (search - manual)}, or {metric, note} saying why there is nothing to compare.
nlohmann::json search_versus_manual(const Session& s, const TuneResult& r, const std::string& refit_run_id,
                                    const std::string& dataset_hash);

}  // namespace lab
