// The Explain area: one held-out row explained (exact TreeSHAP or linear terms; LIME for models
// with neither), what-if edits of that row, permutation importance of a run's features on its
// held-out rows, and partial dependence with ICE for one feature.
#include <algorithm>
#include <cmath>
#include <memory>

#include "commands/command_areas.hpp"
#include "commands/explain_lime.hpp"
#include "commands/explain_pdp.hpp"
#include "commands/explain_subject.hpp"
#include "commands/json_args.hpp"
#include "commands/session.hpp"
#include "core/eval/metrics.hpp"
#include "core/eval/multiclass_metrics.hpp"
#include "core/eval/regression_metrics.hpp"
#include "core/explain/permutation_importance.hpp"
#include "core/explain/row_explanation.hpp"

namespace lab {

using nlohmann::json;

namespace {

std::string field_list(const Predictor& p) {
  std::string s;
  for (const auto& n : p.input_names()) s += (s.empty() ? "" : ", ") + n;
  return s;
}

// The row with the what-if overrides applied. Unknown fields and values of the wrong kind are
// errors; values the contract finds implausible (outside its range) are warnings, still explained.
json apply_overrides(const ExplainSubject& subject, json record, const json& overrides, json& warnings) {
  if (overrides.is_null()) return record;
  if (!overrides.is_object())
    throw std::invalid_argument("field 'overrides' must be an object like {\"InternetService\": \"DSL\"}");
  const auto& inputs = subject.predictor->input_names();
  for (auto it = overrides.begin(); it != overrides.end(); ++it) {
    if (std::find(inputs.begin(), inputs.end(), it.key()) == inputs.end())
      throw std::invalid_argument("unknown feature '" + it.key() + "'; this model's fields are: " + field_list(*subject.predictor));
    record[it.key()] = it.value();
  }
  if (!subject.contract) return record;
  const ValidationResult v = validate_request(*subject.contract, record);
  for (const auto* list : {&v.errors, &v.warnings})
    for (const FieldProblem& problem : *list) {
      if (!overrides.contains(problem.field)) continue;  // only what the participant changed
      const bool plausibility = problem.kind == "out_of_range" || problem.kind == "negative" || problem.kind == "not_integer";
      if (!plausibility && list == &v.errors) throw std::invalid_argument(problem.message);
      warnings.push_back(problem.message + " (explained anyway)");
    }
  return record;
}

// The what-if editor's widgets, one per model input in the model's order: the contract's type,
// plausible range and categories where the run has a contract; else the kind of the row's value.
json editable_fields(const ExplainSubject& subject, const json& record) {
  json fields = json::array();
  for (const std::string& name : subject.predictor->input_names()) {
    json f = {{"name", name}};
    const FieldContract* c = nullptr;
    if (subject.contract)
      for (const FieldContract& fc : subject.contract->fields)
        if (fc.name == name) c = &fc;
    if (c && c->type == ColumnType::Numeric) {
      f["type"] = c->integer ? "integer" : "number";
      f["min"] = c->min;
      f["max"] = c->max;
    } else if (c) {
      f["type"] = "category";
      f["categories"] = c->categories;
    } else {
      f["type"] = record.value(name, json()).is_number() ? "number" : "category";
    }
    fields.push_back(f);
  }
  return fields;
}

json explain_row(ExplainSubjects& subjects, const Session& s, const json& a, bool what_if) {
  const std::string run_id = args::required_str(a, "run_id");
  const ExplainSubject& subject = subjects.get(s, run_id);
  const int64_t row = args::integer(a, "row", 0);
  const json& original = subject.record(row);
  const std::string method = args::str(a, "method", "auto");
  const int class_index = int(args::integer(a, "class", -1));
  json warnings = json::array();
  const json record = what_if ? apply_overrides(subject, original, a.value("overrides", json(nullptr)), warnings) : original;
  if (method == "lime") {
    json out = lime_explanation(subject, record, class_index, uint64_t(args::integer(a, "seed", 0)),
                                size_t(args::integer(a, "samples", 5000)), size_t(args::integer(a, "num_features", 10)));
    out["run_id"] = run_id;
    out["row"] = row;
    out["rows"] = subject.records.size();
    out["record"] = record;
    out["prediction"] = subject.predictor->predict_records(record)[0];
    out["methods"] = explain_methods(*subject.predictor);
    out["warnings"] = warnings;
    return out;
  }
  if (method == "auto" && explain_methods(*subject.predictor).empty()) {
    // No exact method for this model (SVM, k-nearest neighbours, naive Bayes): the waterfall is LIME's.
    json out = lime_waterfall(subject, record, class_index, uint64_t(args::integer(a, "seed", 0)));
    out["run_id"] = run_id;
    out["row"] = row;
    out["rows"] = subject.records.size();
    out["record"] = record;
    out["prediction"] = subject.predictor->predict_records(record)[0];
    out["methods"] = json::array({"lime"});
    out["warnings"] = warnings;
    out["fields"] = editable_fields(subject, original);
    out["original_record"] = original;
    if (what_if) out["original"] = {{"method", "lime"}, {"output", model_answer(subject, original, class_index)}};
    return out;
  }
  const RowExplanation e = explain_record(*subject.predictor, record, method, class_index);
  json out = e.to_json();
  out["run_id"] = run_id;
  out["row"] = row;
  out["rows"] = subject.records.size();
  out["record"] = record;
  out["prediction"] = subject.predictor->predict_records(record)[0];
  out["methods"] = explain_methods(*subject.predictor);
  out["warnings"] = warnings;
  out["fields"] = editable_fields(subject, original);
  out["original_record"] = original;
  if (what_if) out["original"] = explain_record(*subject.predictor, original, method, class_index).to_json();
  return out;
}

// The run's main held-out metric (higher is better) of the model on rows X.
RowsScore main_metric(const ExplainSubject& subject, std::string& name) {
  const Predictor& p = *subject.predictor;
  const std::vector<double>& y = subject.y;
  switch (p.task()) {
    case Task::Binary:
      name = "roc_auc";
      return [&p, &y](const DenseMatrix& X) { return roc_auc(y, p.learner().predict(X).data); };
    case Task::Multiclass:
      name = "accuracy";
      return [&p, &y](const DenseMatrix& X) { return multiclass_accuracy(y, p.learner().predict(X)); };
    case Task::Regression:
    default:
      name = "r2";
      return [&p, &y](const DenseMatrix& X) { return r2_score(y, p.learner().predict(X).data); };
  }
}

// Tree models: the mean |TreeSHAP| per source column over the first held-out rows (raw scale),
// the other global view; empty for other models.
std::vector<double> mean_abs_shap(const ExplainSubject& subject, const std::vector<std::string>& names) {
  const Predictor& p = *subject.predictor;
  if (!explains_with_tree_shap(p.learner())) return {};
  constexpr size_t kRows = 200;  // enough for a stable mean, fast enough for a click
  const size_t rows = std::min(kRows, subject.X.rows);
  std::vector<double> sum(names.size(), 0.0);
  for (size_t r = 0; r < rows; ++r) {
    const std::vector<double> x(subject.X.row(r), subject.X.row(r) + subject.X.cols);
    const Contributions c =
        fold_contributions(tree_contributions(p.learner(), x, p.pipeline().output_names(), p.task() == Task::Multiclass ? 0 : 1),
                           p.pipeline().output_sources());
    for (size_t i = 0; i < names.size(); ++i) sum[i] += std::fabs(c.values[i]);  // same source order as names
  }
  for (double& v : sum) v /= double(rows ? rows : 1);
  return sum;
}

json importance(ExplainSubjects& subjects, const Session& s, const json& a) {
  const std::string run_id = args::required_str(a, "run_id");
  const int64_t repeats = args::integer(a, "repeats", 5);
  if (repeats < 1 || repeats > 50) throw std::invalid_argument("field 'repeats' must be between 1 and 50");
  const uint64_t seed = uint64_t(args::integer(a, "seed", 0));
  const ExplainSubject& subject = subjects.get(s, run_id);
  std::string metric;
  const RowsScore score = main_metric(subject, metric);
  std::vector<std::string> names;
  const auto groups = groups_by_source(subject.predictor->pipeline().output_sources(), names);
  const PermutationImportance pi = permutation_importance(subject.X, names, groups, score, int(repeats), seeded_shuffle(seed));
  std::vector<size_t> order(names.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return pi.mean[x] > pi.mean[y]; });
  json features = json::array();
  const std::vector<double> shap = mean_abs_shap(subject, names);
  for (size_t i : order) {
    features.push_back({{"feature", names[i]}, {"mean", pi.mean[i]}, {"std", pi.std[i]}, {"drops", pi.drops[i]}});
    if (!shap.empty()) features.back()["mean_abs_shap"] = shap[i];
  }
  return json{{"run_id", run_id}, {"metric", metric}, {"baseline", pi.baseline}, {"repeats", repeats}, {"seed", seed},
              {"rows", subject.X.rows}, {"features", features},
              {"note", "the drop in " + metric + " on the held-out rows when a feature's values are shuffled; larger = the "
                       "model leans on it more"}};
}

}  // namespace

void register_explain_commands(Dispatcher& d, Session& s) {
  auto subjects = std::make_shared<ExplainSubjects>();
  d.add("explain.row",
        "one held-out row of a run explained: {run_id, row, method?: shap|linear|lime|auto, class?; lime: seed?: 0, "
        "samples?: 5000, num_features?: 10} -> prediction, base, per-feature effects (waterfall) and sentences; lime: "
        "weights per condition, fidelity score",
        [&s, subjects](const json& a) { return explain_row(*subjects, s, a, false); });
  d.add("explain.whatif",
        "a held-out row with fields changed, explained: {run_id, row, overrides: {field: value}, method?} -> as explain.row "
        "plus 'original' and warnings for values outside the contract",
        [&s, subjects](const json& a) { return explain_row(*subjects, s, a, true); });
  d.add("explain.pdp",
        "partial dependence and ICE of one input column over a run's held-out rows: {run_id, feature, grid?: 30, rows?: "
        "1000, ice?: 40, class?} -> grid (numbers: 5th to 95th percentile) or categories, the average answer per value, "
        "single rows' curves, the column's values as a rug",
        [&s, subjects](const json& a) { return partial_dependence_reply(subjects->get(s, args::required_str(a, "run_id")), a); });
  d.add("explain.importance",
        "permutation importance of a run's features on its held-out rows: {run_id, repeats?: 5, seed?: 0} -> mean and std "
        "drop in the run's main metric per feature",
        [&s, subjects](const json& a) { return importance(*subjects, s, a); });
}

}  // namespace lab
