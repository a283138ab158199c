#include "platform/web/fatal.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <new>
#include <stdexcept>
#include <vector>

#include "commands/dispatcher.hpp"

namespace lab::web {

namespace {

EM_JS(void, js_fatal, (const char* what), {
  if (Module.labFatal) Module.labFatal(UTF8ToString(what));
});

std::string g_simulate;  // the failure ui.simulate_fatal armed for the next frame

void fail_as_simulated() {
  std::string kind;
  kind.swap(g_simulate);
  if (kind == "abort") std::abort();
  if (kind == "exception") throw std::runtime_error("simulated failure outside a module (ui.simulate_fatal)");
  if (kind == "out_of_memory") {
    // More than wasm32 can address: operator new fails as a real exhaustion does.
    std::vector<std::vector<char>> hog;
    for (;;) hog.emplace_back(size_t(1) << 30);
  }
}

}  // namespace

void report_fatal(const std::string& what) {
  emscripten_cancel_main_loop();
  js_fatal(what.c_str());
}

void run_frame_guarded(const std::function<void()>& frame) {
  try {
    if (!g_simulate.empty()) fail_as_simulated();
    frame();
  } catch (const std::bad_alloc&) {
    report_fatal("the lab ran out of memory (the browser gives a tab at most 2-4 GB). A smaller dataset avoids it.");
  } catch (const std::exception& e) {
    report_fatal(std::string("an unexpected error: ") + e.what());
  }
}

void register_fatal_test_command(Dispatcher& d) {
  d.add("ui.simulate_fatal", "test hook: the next frame fails fatally {kind: abort | exception | out_of_memory}",
        [](const nlohmann::json& a) {
          std::string kind = a.value("kind", "abort");
          if (kind != "abort" && kind != "exception" && kind != "out_of_memory")
            throw std::invalid_argument("kind must be abort, exception or out_of_memory, not '" + kind + "'");
          g_simulate = kind;
          return nlohmann::json{{"armed", kind}};
        });
}

}  // namespace lab::web
