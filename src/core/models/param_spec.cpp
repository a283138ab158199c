#include "core/models/param_spec.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace lab {

namespace {
std::string fmt(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}
}  // namespace

nlohmann::json resolve_params(const std::vector<ParamSpec>& specs, const nlohmann::json& given) {
  if (!given.is_null() && !given.is_object())
    throw std::invalid_argument("params must be a JSON object such as {\"C\": 1.0}");
  nlohmann::json out = nlohmann::json::object();
  for (const auto& s : specs) {
    if (s.kind == ParamSpec::Kind::Choice) out[s.name] = s.default_choice;
    else if (s.kind == ParamSpec::Kind::Int) out[s.name] = int64_t(s.default_number);
    else out[s.name] = s.default_number;
  }
  if (given.is_null()) return out;
  for (auto it = given.begin(); it != given.end(); ++it) {
    const ParamSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == it.key()) spec = &s;
    if (!spec) {
      std::string known;
      for (const auto& s : specs) known += (known.empty() ? "" : ", ") + s.name;
      throw std::invalid_argument("unknown parameter '" + it.key() + "'; this learner accepts: " + known);
    }
    const auto& v = it.value();
    if (spec->kind == ParamSpec::Kind::Choice) {
      if (!v.is_string())
        throw std::invalid_argument("parameter '" + spec->name + "' must be a string, got " + v.dump());
      bool ok = false;
      for (const auto& c : spec->choices) ok = ok || c == v.get<std::string>();
      if (!ok) {
        std::string list;
        for (const auto& c : spec->choices) list += (list.empty() ? "" : ", ") + c;
        throw std::invalid_argument("parameter '" + spec->name + "' must be one of " + list + ", got " + v.dump());
      }
      out[spec->name] = v;
      continue;
    }
    if (!v.is_number())
      throw std::invalid_argument("parameter '" + spec->name + "' must be a number, got " + v.dump());
    double x = v.get<double>();
    if (!std::isfinite(x) || x < spec->min || x > spec->max)
      throw std::invalid_argument("parameter '" + spec->name + "' must be between " + fmt(spec->min) + " and " +
                                  fmt(spec->max) + ", got " + v.dump());
    if (spec->kind == ParamSpec::Kind::Int) {
      if (x != std::floor(x))
        throw std::invalid_argument("parameter '" + spec->name + "' must be a whole number, got " + v.dump());
      out[spec->name] = int64_t(x);
    } else {
      out[spec->name] = x;
    }
  }
  return out;
}

bool param_applies(const ParamSpec& spec, const nlohmann::json& params) {
  if (spec.only_when_param.empty() || !params.is_object()) return true;
  const auto it = params.find(spec.only_when_param);
  return it == params.end() || !it->is_string() || it->get<std::string>() == spec.only_when_value;
}

nlohmann::json to_json(const ParamSpec& s) {
  const char* kind = s.kind == ParamSpec::Kind::Float ? "float" : s.kind == ParamSpec::Kind::Int ? "int" : "choice";
  nlohmann::json j = {{"name", s.name}, {"kind", kind}, {"help", s.help}};
  if (s.kind == ParamSpec::Kind::Choice) {
    j["default"] = s.default_choice;
    j["choices"] = s.choices;
  } else {
    j["default"] = s.default_number;
    j["min"] = s.min;
    j["max"] = s.max;
    j["log_scale"] = s.log_scale;
    if (!s.zero_means.empty()) j["zero_means"] = s.zero_means;
    if (s.tuned) j["tune_range"] = {s.tune_min, s.tune_max};
  }
  if (!s.only_when_param.empty()) j["only_when"] = {{s.only_when_param, s.only_when_value}};
  j["tuned"] = s.tuned;
  return j;
}

}  // namespace lab
