#pragma once
// The exact bits of a double as 16 hex digits: how the cross-platform tests compare native and
// wasm results (invariant 2) without any tolerance.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

namespace labtest {

inline std::string bits(double v) {
  uint64_t b;
  std::memcpy(&b, &v, 8);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(b));
  return buf;
}

}  // namespace labtest
