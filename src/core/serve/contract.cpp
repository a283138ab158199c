#include "core/serve/contract.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace lab {

using nlohmann::json;

namespace {
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

const char* json_type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "true/false";
    case json::value_t::string: return "text";
    case json::value_t::array: return "a list";
    case json::value_t::object: return "an object";
    default: return "a number";
  }
}
}  // namespace

InferenceContract derive_contract(const Schema& schema, const std::vector<std::string>& features,
                                  OutOfRangePolicy policy, double margin) {
  InferenceContract c;
  c.out_of_range = policy;
  c.margin = margin;
  for (const auto& name : features) {
    const ColumnSchema* col = nullptr;
    for (const auto& s : schema.columns)
      if (s.name == name) col = &s;
    if (!col) throw std::invalid_argument("feature '" + name + "' is not a column of the training data");
    FieldContract f;
    f.name = col->name;
    f.description = col->description;
    f.type = col->type;
    f.categories = col->categories;
    f.observed_min = col->min;
    f.observed_max = col->max;
    double span = col->max - col->min;
    if (span <= 0) span = std::fabs(col->max) > 0 ? std::fabs(col->max) : 1.0;
    f.min = col->min - margin * span;
    f.max = col->max + margin * span;
    f.non_negative = col->min >= 0;
    if (f.non_negative && f.min < 0) f.min = 0;
    f.integer = col->integer_valued;
    // A column with gaps in training is imputed by the feature pipeline, so a request may leave
    // it out too (the churn lab's TotalCharges is empty for new customers).
    f.required = col->missing == 0;
    c.fields.push_back(std::move(f));
  }
  return c;
}

json InferenceContract::to_json() const {
  json fields_json = json::array();
  for (const auto& f : fields) {
    json j = {{"name", f.name}, {"type", f.type == ColumnType::Numeric ? (f.integer ? "integer" : "number") : "category"},
              {"required", f.required}, {"description", f.description}};
    if (f.type == ColumnType::Numeric) {
      j["min"] = f.min;
      j["max"] = f.max;
      j["observed_min"] = f.observed_min;
      j["observed_max"] = f.observed_max;
    } else {
      j["categories"] = f.categories;
    }
    fields_json.push_back(j);
  }
  json j = {{"request_format", "{\"features\": {\"<field>\": <value>, ...}}"},
            {"out_of_range", out_of_range == OutOfRangePolicy::Reject ? "reject" : "warn"},
            {"margin", margin},
            {"fields", fields_json}};
  if (!target.task.empty()) j["target"] = lab::to_json(target);
  return j;
}

InferenceContract InferenceContract::from_json(const json& j) {
  InferenceContract c;
  c.out_of_range = j.value("out_of_range", "reject") == "warn" ? OutOfRangePolicy::Warn : OutOfRangePolicy::Reject;
  c.margin = j.value("margin", 0.1);
  if (j.contains("target")) c.target = target_from_json(j["target"]);
  for (const auto& fj : j.at("fields")) {
    FieldContract f;
    f.name = fj.at("name").get<std::string>();
    f.description = fj.value("description", "");
    std::string type = fj.value("type", "number");
    f.type = type == "category" ? ColumnType::Categorical : ColumnType::Numeric;
    f.integer = type == "integer";
    f.required = fj.value("required", true);
    // A bound beyond the double range (data near 1e308 plus the margin) was written as null:
    // it reads back as no bound on that side.
    const double inf = std::numeric_limits<double>::infinity();
    auto bound = [&](const char* key, double missing, double null_bound) {
      if (!fj.contains(key)) return missing;
      return fj[key].is_number() ? fj[key].get<double>() : null_bound;
    };
    f.min = bound("min", 0.0, -inf);
    f.max = bound("max", 0.0, inf);
    f.observed_min = bound("observed_min", f.min, -inf);
    f.observed_max = bound("observed_max", f.max, inf);
    f.non_negative = f.type == ColumnType::Numeric && f.observed_min >= 0;
    f.categories = fj.value("categories", std::vector<std::string>{});
    c.fields.push_back(std::move(f));
  }
  return c;
}

ModelSignature signature_of(const InferenceContract& c) {
  ModelSignature s;
  s.target = c.target.name;
  s.task = c.target.task;
  for (const auto& f : c.fields) s.inputs.push_back({f.name, f.type == ColumnType::Numeric ? "number" : "category"});
  return s;
}

namespace {
// The midpoint as a person would type it: six significant digits (0.356, not the
// 0.35600000000000004 the sum of two decimals gives), unless that would leave the observed range.
double readable(double v, double lo, double hi) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  const double r = std::strtod(buf, nullptr);
  return r >= lo && r <= hi ? r : v;
}
}  // namespace

json InferenceContract::example_request() const {
  json features = json::object();
  for (const auto& f : fields) {
    if (f.type == ColumnType::Categorical) {
      features[f.name] = f.categories.empty() ? "" : f.categories.front();
    } else {
      double mid = (f.observed_min + f.observed_max) / 2;
      if (!std::isfinite(mid)) mid = f.observed_min / 2 + f.observed_max / 2;  // the sum overflowed (near 1e308)
      if (!std::isfinite(mid)) mid = 0;
      // Whole numbers beyond 2^53 stay doubles (llround of them would overflow int64).
      if (f.integer && std::fabs(mid) < 9e15) features[f.name] = std::llround(mid);
      else features[f.name] = f.integer ? std::round(mid) : readable(mid, f.observed_min, f.observed_max);
    }
  }
  return {{"features", features}};
}

ValidationResult validate_request(const InferenceContract& c, const json& request) {
  ValidationResult r;
  auto problem = [](std::vector<FieldProblem>& into, const std::string& field, const char* kind, std::string expected,
                    const json& got, std::string message) {
    into.push_back({field, kind, std::move(expected), got, std::move(message)});
  };
  if (!request.is_object()) {
    problem(r.errors, "", "bad_request", "a JSON object like {\"features\": {...}}", request,
            "The request must be a JSON object with a \"features\" object inside.");
    return r;
  }
  const json* features = &request;
  if (request.contains("features")) {
    features = &request["features"];
    if (!features->is_object()) {
      problem(r.errors, "features", "wrong_type", "an object of field values", *features,
              "\"features\" must be an object such as {\"age\": 42, ...}.");
      return r;
    }
  }
  r.features = *features;
  for (const auto& f : c.fields) {
    if (!features->contains(f.name) || (*features)[f.name].is_null()) {
      if (f.required)
        problem(r.errors, f.name, "missing", f.type == ColumnType::Numeric ? "a number" : "one of " + join(f.categories),
                nullptr, "Field '" + f.name + "' is required but missing.");
      continue;
    }
    const json& v = (*features)[f.name];
    if (f.type == ColumnType::Categorical) {
      if (!v.is_string()) {
        problem(r.errors, f.name, "wrong_type", "text, one of " + join(f.categories), v,
                "Field '" + f.name + "' must be text (one of " + join(f.categories) + "), got " + json_type_name(v) + ".");
        continue;
      }
      bool known = false;
      for (const auto& cat : f.categories) known = known || cat == v.get<std::string>();
      if (!known)
        problem(r.errors, f.name, "unknown_category", "one of " + join(f.categories), v,
                "Field '" + f.name + "' has the value '" + v.get<std::string>() + "', which the model never saw; use one of " +
                    join(f.categories) + ".");
      continue;
    }
    if (!v.is_number()) {
      problem(r.errors, f.name, "wrong_type", "a number", v,
              "Field '" + f.name + "' must be a number, got " + json_type_name(v) + " " + v.dump() + ".");
      continue;
    }
    double x = v.get<double>();
    if (!std::isfinite(x)) {
      problem(r.errors, f.name, "not_finite", "a finite number", v, "Field '" + f.name + "' must be a finite number.");
      continue;
    }
    if (f.non_negative && x < 0) {
      problem(r.errors, f.name, "negative", "a number >= 0", v,
              "Field '" + f.name + "' cannot be negative (got " + num(x) + "); training data ranged " + num(f.observed_min) +
                  " to " + num(f.observed_max) + ".");
      continue;
    }
    if (x < f.min || x > f.max) {
      auto& into = c.out_of_range == OutOfRangePolicy::Reject ? r.errors : r.warnings;
      problem(into, f.name, "out_of_range", "between " + num(f.min) + " and " + num(f.max), v,
              "Field '" + f.name + "' = " + num(x) + " is outside the plausible range " + num(f.min) + " to " + num(f.max) +
                  " (training data: " + num(f.observed_min) + " to " + num(f.observed_max) + ").");
    }
    if (f.integer && x != std::floor(x))
      problem(r.warnings, f.name, "not_integer", "a whole number", v,
              "Field '" + f.name + "' was always a whole number in training; got " + num(x) + ".");
  }
  for (auto it = features->begin(); it != features->end(); ++it) {
    bool known = false;
    for (const auto& f : c.fields) known = known || f.name == it.key();
    if (!known)
      problem(r.warnings, it.key(), "unknown_field", "no such field", it.value(),
              "Field '" + it.key() + "' is not part of the contract and is ignored.");
  }
  return r;
}

json ValidationResult::to_json() const {
  auto list = [](const std::vector<FieldProblem>& v) {
    json a = json::array();
    for (const auto& p : v)
      a.push_back({{"field", p.field}, {"kind", p.kind}, {"expected", p.expected}, {"got", p.got}, {"message", p.message}});
    return a;
  };
  json j = {{"errors", list(errors)}, {"warnings", list(warnings)}};
  if (!ok()) j["status"] = 422;
  return j;
}

}  // namespace lab
