#include "core/tune/worker_pool.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace lab {

bool threads_available() {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  return false;
#else
  return true;
#endif
}

int max_threads() {
#if defined(__EMSCRIPTEN_PTHREADS__)
  // The page's pool of workers (PTHREAD_POOL_SIZE, src/app/CMakeLists.txt): the same count of
  // cores, 2 when the browser does not say, at most the build's cap.
  const int cores = int(std::thread::hardware_concurrency());
  return std::clamp(cores > 0 ? cores : 2, 1, LAB_WASM_THREAD_POOL_CAP);
#elif defined(__EMSCRIPTEN__)
  return 1;
#else
  return std::numeric_limits<int>::max();
#endif
}

namespace {
std::function<int()>& startable_threads() {
  static std::function<int()> startable;
  return startable;
}
}  // namespace

void set_startable_threads(std::function<int()> startable) { startable_threads() = std::move(startable); }

int run_parallel(size_t n, int threads, const std::function<void(size_t)>& work, const std::atomic<bool>& stop) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto loop = [&] {
    for (;;) {
      if (stop.load() || failed.load()) return;
      const size_t i = next.fetch_add(1);
      if (i >= n) return;
      try {
        work(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  int wanted = std::max(1, std::min({threads, int(std::max<size_t>(n, 1)), max_threads()}));
  if (startable_threads()) wanted = std::max(1, std::min(wanted, 1 + startable_threads()()));
  // The calling thread is one of them: one thread fewer to start (in the browser, one pool worker
  // fewer taken). A thread the system refuses just leaves more items to the others.
  std::vector<std::thread> pool;
  for (int t = 1; t < wanted; ++t) {
    try {
      pool.emplace_back(loop);
    } catch (const std::system_error&) {
      break;
    }
  }
  loop();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  return int(pool.size()) + 1;
}

}  // namespace lab
