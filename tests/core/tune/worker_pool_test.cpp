#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/tune/worker_pool.hpp"

using namespace lab;

// Natively, in the single-threaded wasm build and in the threaded one (build/web-mt's
// lab_thread_tests under Node): the threads the build can start really run items at once.
TEST_CASE("worker pool: two threads run items at the same time on two threads", "[tune][pool][threads]") {
  const int expected = threads_available() ? std::min(2, max_threads()) : 1;
  const size_t n = 16;
  std::vector<int> runs(n, 0);
  std::set<std::thread::id> ids;
  std::mutex mutex;
  std::atomic<int> started{0};
  std::atomic<int> in_flight{0}, most_in_flight{0};
  std::atomic<bool> stop{false};
  const int used = run_parallel(n, 2, [&](size_t i) {
    const int now = ++in_flight;
    for (int seen = most_in_flight.load(); now > seen && !most_in_flight.compare_exchange_weak(seen, now);) {}
    {
      std::lock_guard<std::mutex> lock(mutex);
      ids.insert(std::this_thread::get_id());
      ++runs[i];
    }
    // The first items wait (up to 10 s) until every expected thread has one, so two threads
    // must have been running at once for the test to pass.
    ++started;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (i < size_t(expected) && started.load() < expected && std::chrono::steady_clock::now() < give_up)
      std::this_thread::yield();
    --in_flight;
  }, stop);
  REQUIRE(used == expected);
  REQUIRE(int(ids.size()) == expected);
  REQUIRE(most_in_flight.load() == expected);
  for (int r : runs) REQUIRE(r == 1);
  INFO("threads_available " << threads_available() << ", max_threads " << max_threads());
  if (threads_available()) REQUIRE(max_threads() >= 2);  // the machines this runs on have 2 cores or more
}

TEST_CASE("worker pool: never more threads than items or than the build allows", "[tune][pool]") {
  std::atomic<bool> stop{false};
  std::atomic<int> count{0};
  REQUIRE(run_parallel(1, 4, [&](size_t) { ++count; }, stop) == 1);
  REQUIRE(run_parallel(0, 4, [&](size_t) { ++count; }, stop) == 1);
  REQUIRE(run_parallel(5, 64, [&](size_t) { ++count; }, stop) == std::min(5, max_threads()));
  REQUIRE(count.load() == 6);
}

TEST_CASE("worker pool: an exception from an item stops the pool and reaches the caller", "[tune][pool]") {
  std::atomic<bool> stop{false};
  std::atomic<int> count{0};
  // Items take a few milliseconds, as trials do: a first throw in wasm can take longer than a
  // trivial item (its code is compiled on first use), and the other thread would finish them all.
  REQUIRE_THROWS_WITH(run_parallel(200, 2, [&](size_t i) {
    ++count;
    if (i == 3) throw std::runtime_error("item 3 failed");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }, stop), "item 3 failed");
  REQUIRE(count.load() < 200);
}

TEST_CASE("worker pool: the platform's limit on startable threads is kept, and the work still all runs", "[tune][pool]") {
  // The web platform's pool may still be loading: a search the page's main thread waits for then
  // starts only the threads it can (here none) and runs the items itself.
  std::atomic<bool> stop{false};
  std::mutex m;
  std::set<std::thread::id> ids;
  std::atomic<int> count{0};
  set_startable_threads([] { return 0; });
  const int used = run_parallel(20, 2, [&](size_t) {
    ++count;
    std::lock_guard<std::mutex> lock(m);
    ids.insert(std::this_thread::get_id());
  }, stop);
  set_startable_threads(nullptr);
  CHECK(used == 1);
  CHECK(ids.size() == 1);
  CHECK(count.load() == 20);
  if (threads_available() && max_threads() >= 2) CHECK(run_parallel(20, 2, [](size_t) {}, stop) == 2);  // the limit is gone
}
