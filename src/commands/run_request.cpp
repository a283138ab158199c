#include "commands/run_request.hpp"

#include "core/models/learner_registry.hpp"

namespace lab {

using nlohmann::json;

TrainRequest train_request_of(const Run& run, const FileStore& store) {
  auto param = [&](const char* k, const std::string& fallback) {
    auto it = run.params.find(k);
    return it == run.params.end() ? fallback : it->second;
  };
  TrainRequest req;
  req.algo = param("algo", req.algo);
  req.test_fraction = std::stod(param("test_fraction", "0.2"));
  req.seed = std::stoull(param("seed", "42"));
  req.task = param("task", "auto");
  const std::string spec = param("features", "");
  if (!spec.empty()) {
    req.features = json::parse(spec);
  } else {
    try {
      req.features = json::parse(store.read_artifact(run.info.run_id, "features.json"));
    } catch (const std::exception&) {
      // No long spec saved: the run used the default pipeline.
    }
  }
  for (const auto& p : param_specs_for(req.algo)) {
    auto it = run.params.find(p.name);
    if (it == run.params.end()) continue;
    // A choice is text even when it reads as JSON (random_forest's bootstrap "true").
    json v = p.kind == ParamSpec::Kind::Choice ? json() : json::parse(it->second, nullptr, false);
    req.params[p.name] = v.is_null() || v.is_discarded() || v.is_object() || v.is_array() ? json(it->second) : v;
  }
  return req;
}

}  // namespace lab
