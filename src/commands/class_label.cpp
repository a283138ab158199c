#include "commands/class_label.hpp"

#include <cmath>
#include <cstdint>

namespace lab {

std::string class_label(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_unsigned()) return std::to_string(v.get<int64_t>());
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(int64_t(d));
    return v.dump();
  }
  if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
  return "";
}

}  // namespace lab
