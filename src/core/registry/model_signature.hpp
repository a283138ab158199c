#pragma once
// What a model version promises to its callers: the target it predicts, the kind of task, and
// the input fields it reads (name and kind). Two versions of one registered model must share
// it, or an alias move could make an endpoint answer loan requests with churn labels.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lab {

struct SignatureInput {
  std::string name;
  std::string kind;  // "number" or "category" (whole-number-ness may change between data versions)
  bool operator==(const SignatureInput& o) const { return name == o.name && kind == o.kind; }
};

struct ModelSignature {
  std::string target;  // the predicted column, e.g. "approved"
  std::string task;    // binary | multiclass | regression; "" when unknown (older versions)
  std::vector<SignatureInput> inputs;
  bool known() const { return !task.empty(); }
  // "predicts 'approved' (binary) from 6 inputs"
  std::string summary() const;
};

// Every way `candidate` differs from `established`, one phrase each (empty: compatible).
// Names both targets and tasks, and lists the missing, extra and re-typed inputs. What only one
// side recorded (versions registered before signatures were kept) is not compared.
std::vector<std::string> signature_differences(const ModelSignature& established, const ModelSignature& candidate);

nlohmann::json to_json(const ModelSignature& s);
ModelSignature signature_from_json(const nlohmann::json& j);  // missing or malformed -> unknown

}  // namespace lab
