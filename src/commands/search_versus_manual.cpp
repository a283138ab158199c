#include "commands/search_versus_manual.hpp"

namespace lab {

using nlohmann::json;

json search_versus_manual(const Session& s, const TuneResult& r, const std::string& refit_run_id,
                          const std::string& dataset_hash) {
  const std::string& metric = r.metric.name;
  json out = {{"metric", metric}, {"greater_is_better", r.metric.greater_is_better}};
  const std::string seed = std::to_string(r.base.seed), share = json(r.base.test_fraction).dump();
  const Run* best = nullptr;
  const Run* refit = nullptr;
  for (const Run& run : s.runs()) {
    if (run.info.run_id == refit_run_id) refit = &run;
    if (run.tags.count("mlflow.parentRunId") || run.tags.count("lab.tune.role")) continue;
    const auto hash = run.tags.find("lab.dataset.hash");
    const auto run_seed = run.params.find("seed"), run_share = run.params.find("test_fraction");
    if (hash == run.tags.end() || hash->second != dataset_hash) continue;
    if (run_seed == run.params.end() || run_seed->second != seed) continue;
    if (run_share == run.params.end() || run_share->second != share) continue;
    const MetricPoint* v = run.latest(metric);
    if (!v || v->value != v->value) continue;
    if (!best || better_score(r.metric, v->value, best->latest(metric)->value)) best = &run;
  }
  const MetricPoint* won = refit ? refit->latest(metric) : nullptr;
  if (won) out["search"] = {{"run_id", refit_run_id}, {"value", won->value}};
  if (!best) {
    out["note"] = "no manual run of this experiment on the same data version and split (seed " + seed + ", test share " +
                  share + ") to compare with; train one in Train and it will show here";
    return out;
  }
  const double manual = best->latest(metric)->value;
  const auto algo = best->params.find("algo");
  out["manual"] = {{"run_id", best->info.run_id}, {"run_name", best->info.run_name},
                   {"algo", algo == best->params.end() ? "" : algo->second}, {"value", manual}};
  if (won) out["difference"] = won->value - manual;
  return out;
}

}  // namespace lab
