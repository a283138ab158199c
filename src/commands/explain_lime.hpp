#pragma once
// One record of a run explained by LIME (core/explain/lime_tabular.hpp) with lime's defaults:
// the model is asked about 5000 seeded samples around the record, and a weighted ridge on "is
// in the same bin / category as the record" says which conditions push its answer which way.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "commands/explain_subject.hpp"

namespace lab {

// {method: "lime", answer, model_output, local_pred, intercept, score (the surrogate's weighted
// R^2 on the neighbourhood: how faithful it is), samples, seed, kernel_width, features: [{feature,
// condition, weight, direction}], sentences}. class_index -1: class 1 of a binary model, the
// predicted class of a multi-class one.
nlohmann::json lime_explanation(const ExplainSubject& subject, const nlohmann::json& record, int class_index,
                                uint64_t seed, size_t samples, size_t num_features);

// LIME as the waterfall for models no exact method explains (SVM, k-nearest neighbours, naive
// Bayes), shaped like explain.row's reply: base = the surrogate's intercept, one step per
// condition (its weight; the record meets every condition), then the part the local fit misses,
// so base + steps = the model's answer. Plus LIME's score, local_pred and note.
nlohmann::json lime_waterfall(const ExplainSubject& subject, const nlohmann::json& record, int class_index, uint64_t seed);

// The model's answer for the record on the scale LIME explains (class 1's probability, the
// value, or class class_index's / the predicted class's probability).
double model_answer(const ExplainSubject& subject, const nlohmann::json& record, int class_index);

}  // namespace lab
