#pragma once
// The example requests of the workshops as named presets for the request editor: a loan
// applicant (the loan workshop), the churn lab's customer, the iris API guide's flowers, and
// invalid variants that show contract errors (negative value, missing field, wrong type,
// unknown category, out of range) and a warning (a field the contract does not know).
// They are data (request_presets.cpp), offered only where they fit the deployed contract.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/serve/contract.hpp"

namespace lab {

struct ExpectedProblem {
  std::string field, kind;  // kind as in FieldProblem (negative, missing, wrong_type, ...)
};

struct RequestPreset {
  std::string name;         // "Churn example"
  std::string source;       // where it comes from, in words
  std::string description;  // what it shows
  nlohmann::json request;   // exactly what is sent to /predict
  nlohmann::json base;      // the valid example (feature object) it is derived from: decides the fit
  std::vector<ExpectedProblem> expected_errors;  // empty for a valid example
};

const std::vector<RequestPreset>& request_presets();

struct PresetFit {
  bool fits = false;
  std::string reason;  // why not (or what it will show when it fits)
};

// A preset fits when its valid base example supplies every field of the contract with the
// right kind of value (a number for numeric fields, a known category for categorical ones).
PresetFit preset_fit(const RequestPreset& preset, const InferenceContract& contract);

// Every preset with {name, source, description, request, valid, expected_errors, fits, reason}.
nlohmann::json presets_json(const InferenceContract& contract);

}  // namespace lab
