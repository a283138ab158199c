#pragma once
// A number in a message a participant reads: four significant digits ("0.8123", "1.5e+04").
#include <cstdio>
#include <string>

namespace lab {

inline std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

}  // namespace lab
