#include "core/tune/worker_pool.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace lab {

bool threads_available() {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  return false;
#else
  return true;
#endif
}

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
  const int used = threads_available() ? std::max(1, std::min<int>(threads, int(std::max<size_t>(n, 1)))) : 1;
  if (used == 1) {
    loop();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < used; ++t) pool.emplace_back(loop);
    for (auto& t : pool) t.join();
  }
  if (error) std::rethrow_exception(error);
  return used;
}

}  // namespace lab
