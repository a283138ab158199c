#include "core/sync/experiment_lookup.hpp"

#include <nlohmann/json.hpp>

#include "core/sync/sync_error.hpp"

namespace lab::sync {

HttpRequest experiment_by_name_request(const std::string& name) {
  const char quote = name.find('\'') == std::string::npos ? '\'' : '"';
  if (name.find(quote) != std::string::npos)
    return {"GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + url_encode(name), "", ""};
  nlohmann::json body = {{"filter", std::string("name = ") + quote + name + quote},
                         {"order_by", {"creation_time ASC", "experiment_id ASC"}},
                         {"view_type", "ALL"},
                         {"max_results", 100}};
  return {"POST", "/api/2.0/mlflow/experiments/search", body.dump(), "application/json"};
}

ExperimentMatch read_experiment_by_name(const HttpResponse& answer) {
  ExperimentMatch m;
  if (answer.status == 404 && mlflow_error_code(answer.body) == "RESOURCE_DOES_NOT_EXIST") {
    m.absent = true;
    return m;
  }
  auto body = nlohmann::json::parse(answer.body, nullptr, false);
  if (!body.is_object()) {
    m.understood = false;
    return m;
  }
  nlohmann::json list = nlohmann::json::array();
  if (body.contains("experiment")) list.push_back(body["experiment"]);          // get-by-name
  else if (body.contains("experiments")) list = body["experiments"];            // search
  else if (!body.empty()) m.understood = false;                                 // {} = no match
  if (!list.is_array()) {
    m.understood = false;
    return m;
  }
  for (const auto& e : list) {
    if (!e.is_object()) continue;
    const std::string id = e.value("experiment_id", "");
    if (id.empty()) continue;
    if (e.value("lifecycle_stage", "active") != "deleted") return {ExperimentMatch::Found::Active, id, true};
    if (m.found == ExperimentMatch::Found::None) m = {ExperimentMatch::Found::DeletedOnly, id, true};
  }
  m.absent = m.found == ExperimentMatch::Found::None && m.understood && (answer.status == 200 || answer.status == 404);
  return m;
}

}  // namespace lab::sync
