#include "platform/web/thread_pool_readiness.hpp"

#if defined(__EMSCRIPTEN_PTHREADS__)
#include <emscripten.h>
#include <emscripten/threading.h>

#include <limits>

#include "core/tune/worker_pool.hpp"

// Workers of the pool that have loaded the app and run no thread: a thread started on one of them
// runs at once, without the main thread's event loop.
EM_JS(int, js_loaded_idle_workers, (), {
  return PThread.unusedWorkers.filter(function (w) { return w.loaded; }).length;
});
#endif

namespace lab::web {

void limit_main_thread_searches_to_loaded_workers() {
#if defined(__EMSCRIPTEN_PTHREADS__)
  set_startable_threads([] {
    // Another thread (a search started by the Tune module) waits without blocking the page.
    return emscripten_is_main_runtime_thread() ? js_loaded_idle_workers() : std::numeric_limits<int>::max();
  });
#endif
}

}  // namespace lab::web
