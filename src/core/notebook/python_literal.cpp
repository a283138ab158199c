#include "core/notebook/python_literal.hpp"

#include <cmath>

namespace lab::py {

std::string str(const std::string& s) { return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string num(double v) {
  if (std::isnan(v)) return "float(\"nan\")";
  if (std::isinf(v)) return v > 0 ? "float(\"inf\")" : "-float(\"inf\")";
  return nlohmann::json(v).dump();
}

std::string integer(int64_t v) { return std::to_string(v); }

std::string boolean(bool b) { return b ? "True" : "False"; }

std::string strings(const std::vector<std::string>& list) {
  std::string out = "[";
  for (size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + str(list[i]);
  return out + "]";
}

std::string value(const nlohmann::json& v) {
  if (v.is_null()) return "None";
  if (v.is_boolean()) return boolean(v.get<bool>());
  if (v.is_number_integer()) return v.dump();
  if (v.is_number()) return num(v.get<double>());
  if (v.is_string()) return str(v.get<std::string>());
  if (v.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + value(v[i]);
    return out + "]";
  }
  std::string out = "{";
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it, first = false) out += (first ? "" : ", ") + str(it.key()) + ": " + value(it.value());
  return out + "}";
}

}  // namespace lab::py
