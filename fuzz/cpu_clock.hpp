#pragma once
// Process CPU seconds, natively and in wasm under Node, so a case's time limit is not reached
// because other jobs shared the machine. Emscripten's std::clock() counts wall time, so in wasm
// this asks Node (process.cpuUsage: user + system microseconds).
#include <ctime>
#ifdef __EMSCRIPTEN__
#include <emscripten.h>
EM_JS(double, labfuzz_node_cpu_seconds, (), {
  if (typeof process !== 'undefined' && process.cpuUsage) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
  return performance.now() / 1000;
});
#endif

namespace labfuzz {
inline double cpu_seconds() {
#ifdef __EMSCRIPTEN__
  return labfuzz_node_cpu_seconds();
#else
  return double(std::clock()) / CLOCKS_PER_SEC;
#endif
}
}  // namespace labfuzz
