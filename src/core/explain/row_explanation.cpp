#include "core/explain/row_explanation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/models/logistic_regression.hpp"

namespace lab {

using nlohmann::json;

namespace {

std::string value_text(const json& v) {
  if (v.is_null()) return "(missing)";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) {
    const double d = v.get<double>();
    char buf[32];
    std::snprintf(buf, sizeof buf, d == std::floor(d) && std::fabs(d) < 1e15 ? "%.0f" : "%.4g", d);
    return buf;
  }
  return v.dump();
}

std::string amount(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", std::fabs(v));
  if (std::string(buf) == "0.00") std::snprintf(buf, sizeof buf, "%.3g", std::fabs(v));
  return buf;
}

int predicted_class(const Predictor& p, const DenseMatrix& out) {
  if (p.task() != Task::Multiclass) return 1;
  size_t best = 0;
  for (size_t c = 1; c < out.cols; ++c)
    if (out.at(0, c) > out.at(0, best)) best = c;
  return int(best);
}

}  // namespace

std::vector<std::string> explain_methods(const Predictor& p) {
  if (explains_with_tree_shap(p.learner())) return {"shap"};
  if (dynamic_cast<const LogisticRegression*>(&p.learner())) return {"linear"};
  return {};
}

RowExplanation explain_record(const Predictor& p, const json& record, const std::string& method, int class_index) {
  const auto methods = explain_methods(p);
  const std::string chosen = method == "auto" ? (methods.empty() ? "lime" : methods.front()) : method;
  if (std::find(methods.begin(), methods.end(), chosen) == methods.end()) {
    std::string offer;
    for (const auto& m : methods) offer += (offer.empty() ? "" : " or ") + m;
    throw std::invalid_argument("method '" + chosen + "' cannot explain a " + p.learner().algo() + " model here" +
                                (offer.empty() ? std::string("; this model has no exact explanation: use lime (any model)")
                                               : "; use " + offer + " or lime") +
                                " (shap: tree models; linear: logistic regression; lime: any model)");
  }
  const DenseMatrix X = p.pipeline().transform_records(record);
  const DenseMatrix out = p.learner().predict(X);
  const int cls = class_index >= 0 ? class_index : predicted_class(p, out);
  if (p.task() == Task::Multiclass && size_t(cls) >= p.class_names().size())
    throw std::invalid_argument("class index " + std::to_string(cls) + " is out of range");
  const std::vector<double> x(X.row(0), X.row(0) + X.cols);
  const auto& names = p.pipeline().output_names();
  Contributions raw = chosen == "shap" ? tree_contributions(p.learner(), x, names, cls) : linear_contributions(p.learner(), x, names, cls);
  const Contributions c = fold_contributions(raw, p.pipeline().output_sources());

  RowExplanation e;
  e.method = chosen;
  e.raw_scale = c.scale;
  e.raw_base = c.base;
  e.raw_output = c.output;
  const auto& classes = p.class_names();
  const std::string class_name = size_t(c.output_index) < classes.size() ? classes[size_t(c.output_index)] : "";
  e.answer = p.task() == Task::Regression ? "predicted " + p.target_name()
             : c.scale == "score"        ? "score of " + p.target_name() + " = " + class_name
                                         : "probability of " + p.target_name() + " = " + class_name;
  for (size_t i = 0; i < c.names.size(); ++i)
    e.effects.push_back({c.names[i], value_text(record.value(c.names[i], json(nullptr))), c.values[i], c.values[i]});
  std::stable_sort(e.effects.begin(), e.effects.end(),
                   [](const FeatureEffect& a, const FeatureEffect& b) { return std::fabs(a.contribution) > std::fabs(b.contribution); });
  if (c.scale == "log-odds") {
    // Walk the log-odds in the shown order; each step is the probability it adds.
    double z = c.base;
    e.base = det::sigmoid(z);
    for (auto& f : e.effects) {
      const double before = det::sigmoid(z);
      z += f.contribution;
      f.step = det::sigmoid(z) - before;
    }
    e.output = det::sigmoid(c.output);
  } else {
    e.base = c.base;
    e.output = c.output;
  }
  for (const auto& f : e.effects) {
    if (f.step == 0) continue;
    e.sentences.push_back(f.feature + " = " + f.value + (f.step > 0 ? " raises the " : " lowers the ") + e.answer + " by " +
                          amount(f.step));
  }
  return e;
}

json RowExplanation::to_json() const {
  json effects_json = json::array();
  for (const auto& f : effects)
    effects_json.push_back({{"feature", f.feature}, {"value", f.value}, {"contribution", f.contribution}, {"step", f.step},
                            {"direction", f.step > 0 ? "raises" : f.step < 0 ? "lowers" : "none"}});
  return {{"method", method}, {"answer", answer}, {"base", base}, {"output", output}, {"raw_scale", raw_scale},
          {"raw_base", raw_base}, {"raw_output", raw_output}, {"effects", effects_json}, {"sentences", sentences}};
}

}  // namespace lab
