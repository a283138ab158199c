#include "commands/explain_lime.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/explain/lime_tabular.hpp"

namespace lab {

using nlohmann::json;

namespace {

// The record as LIME's row: numbers, or the category's index (unknown or missing: NaN, which is
// in no training category, so LIME treats it as different from every sample).
std::vector<double> lime_row(const ExplainSubject& subject, const json& record) {
  std::vector<double> row;
  for (const LimeFeature& f : subject.lime.features) {
    const json& v = record.value(f.name, json(nullptr));
    if (f.categorical) {
      const auto it = v.is_string() ? std::find(f.categories.begin(), f.categories.end(), v.get<std::string>()) : f.categories.end();
      row.push_back(it == f.categories.end() ? std::nan("") : double(it - f.categories.begin()));
    } else {
      row.push_back(v.is_number() ? v.get<double>() : std::nan(""));
    }
  }
  return row;
}

std::string text_value(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "(missing)";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v.get<double>());
  return buf;
}

std::string two_places(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string fixed3(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", std::fabs(v));
  return buf;
}

}  // namespace

json lime_explanation(const ExplainSubject& subject, const json& record, int class_index, uint64_t seed, size_t samples,
                      size_t num_features) {
  if (samples < 100 || samples > 50000) throw std::invalid_argument("field 'samples' must be between 100 and 50000");
  const Predictor& p = *subject.predictor;
  const LimeNeighbourhood nb = lime_sample(subject.lime, lime_row(subject, record), samples, seed);
  // The samples in the participant's units, through the model's own pipeline.
  Table t = subject.input_template;
  for (size_t f = 0; f < t.columns.size(); ++f) {
    t.columns[f].values.resize(samples);
    for (size_t i = 0; i < samples; ++i) t.columns[f].values[i] = nb.inverse.at(i, f);
  }
  std::vector<size_t> rows(samples);
  for (size_t i = 0; i < samples; ++i) rows[i] = i;
  const DenseMatrix out = p.learner().predict(p.pipeline().transform(t, rows));
  size_t column = 0;
  if (out.cols > 1) {
    if (class_index >= 0) {
      column = size_t(class_index);
    } else {
      const double* r0 = out.row(0);
      column = size_t(std::max_element(r0, r0 + out.cols) - r0);
    }
    if (column >= out.cols) throw std::invalid_argument("class index " + std::to_string(class_index) + " is out of range");
  }
  std::vector<double> labels(samples);
  bool probabilities = true;
  for (size_t i = 0; i < samples; ++i) {
    labels[i] = out.at(i, column);
    probabilities &= labels[i] >= 0 && labels[i] <= 1;
  }
  const double width = 0.75 * std::sqrt(double(nb.binary.cols));
  const LimeFit fit = lime_fit(nb.binary, labels, lime_kernel_weights(nb.binary, width), num_features, "auto");

  const auto& classes = p.class_names();
  const size_t class_of_answer = out.cols > 1 ? column : 1;
  const std::string class_name = class_of_answer < classes.size() ? classes[class_of_answer] : "";
  const std::string answer = p.task() == Task::Regression ? "predicted " + p.target_name()
                             : probabilities              ? "probability of " + p.target_name() + " = " + class_name
                                                          : "score of " + p.target_name() + " = " + class_name;
  json features = json::array(), sentences = json::array();
  for (const auto& [f, weight] : fit.coefs) {
    const LimeFeature& lf = subject.lime.features[f];
    const std::string condition = lf.describe(lf.code_of(lime_row(subject, record)[f]));
    features.push_back({{"feature", lf.name}, {"condition", condition}, {"weight", weight},
                        {"direction", weight > 0 ? "raises" : weight < 0 ? "lowers" : "none"}});
    sentences.push_back(condition + (weight >= 0 ? " raises the " : " lowers the ") + answer + " by about " + fixed3(weight) +
                        " around this row");
  }
  return {{"method", "lime"},
          {"answer", answer},
          {"model_output", labels[0]},
          {"local_pred", fit.local_pred},
          {"intercept", fit.intercept},
          {"score", fit.score},
          {"samples", samples},
          {"seed", seed},
          {"kernel_width", width},
          {"features", features},
          {"sentences", sentences},
          {"note", "LIME fits a weighted linear model to the answers for " + std::to_string(samples) +
                       " made-up rows around this one; score is how well that model fits them (weighted R^2, 1 = "
                       "perfectly), local_pred its answer for this row"}};
}

json lime_waterfall(const ExplainSubject& subject, const json& record, int class_index, uint64_t seed) {
  const json lime = lime_explanation(subject, record, class_index, seed, 5000, 10);
  const double base = lime["intercept"], output = lime["model_output"], local = lime["local_pred"];
  std::vector<json> effects;
  for (size_t i = 0; i < lime["features"].size(); ++i) {
    const json& f = lime["features"][i];
    const double w = f["weight"];
    effects.push_back({{"feature", f["feature"]}, {"value", text_value(record.value(f["feature"].get<std::string>(), json()))},
                       {"label", f["condition"]}, {"contribution", w}, {"step", w}, {"direction", f["direction"]},
                       {"sentence", lime["sentences"][i]}});
  }
  const double missed = output - local;
  effects.push_back({{"feature", "(LIME's local fit)"}, {"value", ""}, {"label", "not captured by LIME's local fit"},
                     {"contribution", missed}, {"step", missed},
                     {"direction", missed > 0 ? "raises" : missed < 0 ? "lowers" : "none"},
                     {"sentence", "LIME's straight-line fit answers " + two_places(local) + " here, the model " +
                                      two_places(output) + "; this bar is the difference"}});
  std::stable_sort(effects.begin(), effects.end(), [](const json& x, const json& y) {
    return std::fabs(x["step"].get<double>()) > std::fabs(y["step"].get<double>());
  });
  const std::string answer = lime["answer"];
  const bool probability = answer.rfind("probability", 0) == 0;
  return {{"method", "lime"},
          {"answer", answer},
          {"raw_scale", probability ? "probability" : answer.rfind("score", 0) == 0 ? "score" : "value"},
          {"base", base},
          {"output", output},
          {"raw_base", base},
          {"raw_output", output},
          {"effects", effects},
          {"sentences", lime["sentences"]},
          {"score", lime["score"]},
          {"local_pred", local},
          {"seed", seed},
          {"note", "this model has no exact explanation, so the bars are LIME's: a weighted straight-line fit to the "
                   "model's answers for 5000 made-up rows near this one (seeded; fidelity R^2 " +
                       two_places(lime["score"].get<double>()) + "), plus what that fit misses"}};
}

double model_answer(const ExplainSubject& subject, const json& record, int class_index) {
  const DenseMatrix out = subject.predictor->predict_matrix(record);
  if (out.cols == 1) return out.at(0, 0);
  if (class_index >= 0 && size_t(class_index) < out.cols) return out.at(0, size_t(class_index));
  const double* r = out.row(0);
  return *std::max_element(r, r + out.cols);
}

}  // namespace lab
