#pragma once
// Reading command fields with messages that say which field, what was expected and what came.
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace lab::args {

inline std::string str(const nlohmann::json& a, const char* key, const std::string& fallback) {
  if (!a.contains(key) || a[key].is_null()) return fallback;
  if (!a[key].is_string())
    throw std::invalid_argument(std::string("field '") + key + "' must be a string, got " + a[key].dump());
  return a[key].get<std::string>();
}

inline std::string required_str(const nlohmann::json& a, const char* key) {
  if (!a.contains(key)) throw std::invalid_argument(std::string("field '") + key + "' is required");
  return str(a, key, "");
}

inline int64_t integer(const nlohmann::json& a, const char* key, int64_t fallback) {
  if (!a.contains(key) || a[key].is_null()) return fallback;
  const auto& v = a[key];
  if (!v.is_number() || (v.is_number_float() && v.get<double>() != std::floor(v.get<double>())))
    throw std::invalid_argument(std::string("field '") + key + "' must be a whole number, got " + v.dump());
  return v.is_number_unsigned() ? int64_t(v.get<uint64_t>()) : v.get<int64_t>();
}

inline double number(const nlohmann::json& a, const char* key, double fallback) {
  if (!a.contains(key) || a[key].is_null()) return fallback;
  if (!a[key].is_number())
    throw std::invalid_argument(std::string("field '") + key + "' must be a number, got " + a[key].dump());
  return a[key].get<double>();
}

}  // namespace lab::args
