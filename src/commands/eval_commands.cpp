#include "commands/command_areas.hpp"
#include <cmath>
#include "commands/json_args.hpp"
#include "core/eval/champion.hpp"
#include "core/eval/classification_metrics.hpp"
#include "core/eval/confusion_summary.hpp"
#include "core/eval/cost_threshold.hpp"
#include "core/eval/curves.hpp"
#include "core/eval/multiclass_metrics.hpp"
#include "core/pipeline/test_predictions_io.hpp"
#include "core/serve/contract.hpp"

namespace lab {

using nlohmann::json;

namespace {

json nan_safe(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// Everything the Evaluate module shows for one run. Binary scores are judged at `threshold`.
// `curves`: false leaves out what does not depend on the threshold or costs (metrics, ROC, PR,
// calibration, confusion), for a caller that already has them and only moved the threshold.
json evaluate_run(const Session& s, const std::string& run_id, double threshold, double cost_fp, double cost_fn, int bins,
                  bool curves = true) {
  const TestPredictions& t = s.test_predictions(run_id);  // parsed once per run, then cached
  json out = {{"run_id", run_id}, {"task", to_string(t.task.task)}, {"class_names", t.task.class_names},
              {"test_rows", t.y.size()}};
  if (curves) {
    // What each class means ("1 = loan approved, 0 = declined"), from the run's contract, so the
    // module can name the classes as Explore does. Runs without a contract just show the names.
    try {
      out["target_description"] =
          InferenceContract::from_json(json::parse(s.store().read_artifact(run_id, "model/contract.json"))).target.description;
    } catch (const std::exception&) {
    }
    json metrics = json::object();
    for (const auto& [k, v] : score_predictions(t, 0).metrics) metrics[k] = nan_safe(v);
    out["metrics"] = metrics;
  }
  if (t.task.task == Task::Binary) {
    const auto& p = t.scores.data;
    ConfusionCounts c = confusion_at(t.y, p, threshold);
    out["threshold"] = threshold;
    out["at_threshold"] = {{"accuracy", double(c.tp + c.tn) / double(t.y.size())},
                           {"precision", nan_safe(precision(t.y, p, threshold))},
                           {"recall", nan_safe(recall(t.y, p, threshold))},
                           {"f1", nan_safe(f1_score(t.y, p, threshold))},
                           {"confusion", {{"tn", c.tn}, {"fp", c.fp}, {"fn", c.fn}, {"tp", c.tp}}},
                           {"cost", total_cost_at(t.y, p, threshold, cost_fp, cost_fn)}};
    CostChoice best = min_cost_threshold(t.y, p, cost_fp, cost_fn);
    out["best_cost"] = {{"threshold", std::isfinite(best.threshold) ? json(best.threshold) : json("never positive")},
                        {"cost", best.total_cost}, {"cost_per_row", best.cost_per_row},
                        {"confusion", {{"tn", best.counts.tn}, {"fp", best.counts.fp}, {"fn", best.counts.fn}, {"tp", best.counts.tp}}},
                        {"cost_fp", cost_fp}, {"cost_fn", cost_fn}};
    if (!curves) return out;
    RocCurve roc = roc_curve(t.y, p, true);
    out["roc"] = {{"fpr", roc.fpr}, {"tpr", roc.tpr}};
    PrCurve pr = precision_recall_curve(t.y, p);
    out["pr"] = {{"precision", pr.precision}, {"recall", pr.recall}};
    CalibrationBins cal = calibration_bins(t.y, p, bins);
    out["calibration"] = {{"prob_true", cal.prob_true}, {"prob_pred", cal.prob_pred}, {"count", cal.count}};
  } else if (!curves) {
    return out;
  } else if (t.task.task == Task::Multiclass) {
    const auto confusion = multiclass_confusion(t.y, t.scores);
    out["confusion"] = confusion;
    // Per class, most rows first: what stays readable when there are too many classes for a matrix.
    json per_class = json::array();
    for (const ClassSummary& c : summarise_confusion(confusion, confusion.size()).per_class) {
      const auto& names = t.task.class_names;
      auto name = [&](size_t i) { return i < names.size() ? names[i] : std::to_string(i); };
      per_class.push_back({{"class", name(c.cls)}, {"rows", c.rows}, {"predicted", c.predicted}, {"correct", c.correct},
                           {"recall", c.recall}, {"precision", c.precision},
                           {"confused_with", c.confused_with < 0 ? json(nullptr) : json(name(size_t(c.confused_with)))},
                           {"confused_count", c.confused_count}});
    }
    out["per_class"] = per_class;
  } else {
    json actual = json::array(), predicted = json::array();
    for (size_t i = 0; i < t.y.size(); ++i) { actual.push_back(t.y[i]); predicted.push_back(t.scores.data[i]); }
    out["actual"] = actual;
    out["predicted"] = predicted;
  }
  return out;
}

std::string tag_of(const Run& r, const char* key) {
  auto it = r.tags.find(key);
  return it == r.tags.end() ? "" : it->second;
}

}  // namespace

void register_eval_commands(Dispatcher& d, Session& s) {
  d.add("eval.run",
        "metrics, confusion, ROC/PR/calibration, cost-optimal threshold of a run: {run_id, threshold, cost_fp, cost_fn, bins, "
        "curves?: false = only what the threshold and costs change}",
        [&s](const json& a) {
          double threshold = args::number(a, "threshold", 0.5);
          double cost_fp = args::number(a, "cost_fp", 1.0), cost_fn = args::number(a, "cost_fn", 1.0);
          if (!(threshold >= 0 && threshold <= 1)) throw std::invalid_argument("field 'threshold' must be between 0 and 1");
          int64_t bins = args::integer(a, "bins", 10);
          if (bins < 2 || bins > 50) throw std::invalid_argument("field 'bins' must be between 2 and 50");
          bool curves = !a.contains("curves") || !a["curves"].is_boolean() || a["curves"].get<bool>();
          return evaluate_run(s, args::required_str(a, "run_id"), threshold, cost_fp, cost_fn, int(bins), curves);
        });
  d.add("eval.compare", "champion vs challenger on the same test split: {run_a, run_b}", [&s](const json& a) {
    std::string ra = args::required_str(a, "run_a"), rb = args::required_str(a, "run_b");
    Run A = s.store().get_run(ra), B = s.store().get_run(rb);
    bool same_data = tag_of(A, "lab.dataset.hash") == tag_of(B, "lab.dataset.hash");
    auto param = [](const Run& r, const char* k) { auto it = r.params.find(k); return it == r.params.end() ? "" : it->second; };
    bool same_split = same_data && param(A, "seed") == param(B, "seed") && param(A, "test_fraction") == param(B, "test_fraction");
    json ea = evaluate_run(s, ra, 0.5, 1, 1, 10), eb = evaluate_run(s, rb, 0.5, 1, 1, 10);
    json deltas = json::object();
    for (auto it = ea["metrics"].begin(); it != ea["metrics"].end(); ++it)
      if (eb["metrics"].contains(it.key()) && it.value().is_number() && eb["metrics"][it.key()].is_number())
        deltas[it.key()] = eb["metrics"][it.key()].get<double>() - it.value().get<double>();
    std::string note = same_split ? "Both runs were scored on the same held-out rows, so the difference is like for like."
                                  : "The runs used different data versions or splits: their metrics are not directly comparable.";
    return json{{"a", {{"run_id", ra}, {"run_name", A.info.run_name}, {"metrics", ea["metrics"]}}},
                {"b", {{"run_id", rb}, {"run_name", B.info.run_name}, {"metrics", eb["metrics"]}}},
                {"delta_b_minus_a", deltas}, {"same_test_split", same_split}, {"note", note}};
  });
  d.add("eval.select_champion", "the best finished run by a metric, and why: {metric}", [&s](const json& a) {
    std::string metric = args::str(a, "metric", "roc_auc");
    std::vector<ChampionCandidate> c;
    for (const auto& r : s.runs()) {
      if (r.info.status != RunStatus::Finished) continue;
      if (const MetricPoint* p = r.latest(metric)) c.push_back({r.info.run_id, r.info.run_name, tag_of(r, "lab.dataset.hash"), p->value});
    }
    ChampionChoice choice = select_champion(c, metric);
    json ranking = json::array();
    for (const auto& x : choice.ranking) ranking.push_back({{"run_id", x.run_id}, {"run_name", x.run_name}, {"value", x.value}});
    return json{{"metric", metric}, {"higher_is_better", choice.higher_is_better}, {"champion", choice.winner.run_id},
                {"champion_name", choice.winner.run_name}, {"ranking", ranking}, {"explanation", choice.explanation}};
  });
}

}  // namespace lab
