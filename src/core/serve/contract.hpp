#pragma once
// The inference contract of a served model, derived from the training schema: which fields a
// request must carry, their types, allowed categories and plausible numeric ranges. It is the
// `/contract` of the workshop's inference API, drives the request form, and validates requests,
// listing every problem at once (the 422 body of the iris API guide's exercise).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/data/schema.hpp"
#include "core/registry/model_signature.hpp"
#include "core/serve/contract_target.hpp"

namespace lab {

enum class OutOfRangePolicy { Reject, Warn };

struct FieldContract {
  std::string name, description;
  ColumnType type = ColumnType::Numeric;
  bool required = true;                       // false when training data had missing values (imputed)
  double observed_min = 0, observed_max = 0;  // seen in training data
  double min = 0, max = 0;                    // plausible: observed range widened by the margin
  bool non_negative = false;                  // training data had no negative values
  bool integer = false;                       // training data held whole numbers only
  std::vector<std::string> categories;        // categorical: the allowed values
};

struct InferenceContract {
  std::vector<FieldContract> fields;
  OutOfRangePolicy out_of_range = OutOfRangePolicy::Reject;
  double margin = 0.1;
  ContractTarget target;  // what the model answers with (unknown in contracts of older runs)
  nlohmann::json to_json() const;
  static InferenceContract from_json(const nlohmann::json& j);
  // A valid example request: each numeric field at its training median-ish midpoint, each
  // categorical field at its first category. Used to pre-fill the request editor.
  nlohmann::json example_request() const;
};

// The target, task and input fields of the contract: what an endpoint can keep serving.
ModelSignature signature_of(const InferenceContract& c);

// `features` are the model's input columns, in order. Throws if one is not in the schema.
InferenceContract derive_contract(const Schema& schema, const std::vector<std::string>& features,
                                  OutOfRangePolicy policy = OutOfRangePolicy::Reject, double margin = 0.1);

struct FieldProblem {
  std::string field;     // "" for problems with the request as a whole
  std::string kind;      // missing | wrong_type | not_finite | out_of_range | negative | unknown_category | unknown_field | not_integer | bad_request
  std::string expected;  // what the contract wants, in words
  nlohmann::json got;    // what came (null when missing)
  std::string message;   // one sentence a participant can act on
};

struct ValidationResult {
  std::vector<FieldProblem> errors, warnings;
  nlohmann::json features;  // the request's feature object, when it had one
  bool ok() const { return errors.empty(); }
  nlohmann::json to_json() const;  // {"status": 422, "errors": [...], "warnings": [...]}
};

// Accepts {"features": {...}} (the iris API guide) or a flat object of fields (the churn lab's example).
ValidationResult validate_request(const InferenceContract& c, const nlohmann::json& request);

}  // namespace lab
