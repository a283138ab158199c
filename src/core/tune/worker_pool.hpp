#pragma once
// Runs n independent work items on up to `threads` threads (std::thread), each item exactly once,
// items handed out in index order. Results go wherever the work function writes them by index,
// so they do not depend on which thread ran what. In a WebAssembly build without pthreads
// (a page that is not cross-origin isolated) everything runs on the calling thread; the threaded
// one (site/lab-mt.*) runs on Emscripten pthreads, at most max_threads() at once.
#include <atomic>
#include <cstddef>
#include <functional>

namespace lab {

// Whether this build can start threads at all.
bool threads_available();

// The most threads run_parallel starts at once: 1 without threads; in the threaded WebAssembly
// build the page's pool of workers (one per core the browser reports, capped), since a thread
// beyond the pool could not start while the main thread waits for it; natively no limit.
int max_threads();

// The platform may limit how many more threads the calling thread can start right now and wait
// for (run_parallel asks before each call). The web platform's pool loads its workers while the
// first frames draw, and the page's main thread cannot wait for a worker that has not loaded: the
// load finishes on that same thread's event loop. Unset: no limit beyond max_threads().
void set_startable_threads(std::function<int()> startable);

// Calls work(i) for i in 0..n-1 until `stop` is set (items not yet started are then skipped; the
// ones running finish). An exception from work(i) is the work function's to catch: one escaping
// stops the pool and is rethrown here after every thread has ended.
// Returns how many threads were used.
int run_parallel(size_t n, int threads, const std::function<void(size_t)>& work, const std::atomic<bool>& stop);

}  // namespace lab
