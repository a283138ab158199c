#pragma once
// Appends text lines to files on a writer thread, so a request that logs a line never waits for
// the disk (an open/append/flush under the server's lock made every filesystem stall, such as a
// journal commit, the latency of every request queued behind it). Files stay open; each batch of
// queued lines is written and flushed together. Lines of one file keep their order.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace lab {

class AsyncLineAppender {
 public:
  // Lines queued beyond `max_queued` (the disk has stalled for that many requests) are dropped
  // and counted, so a dead disk cannot grow the server's memory without bound.
  explicit AsyncLineAppender(size_t max_queued = 100000);
  ~AsyncLineAppender();  // writes everything queued, then stops the thread
  AsyncLineAppender(const AsyncLineAppender&) = delete;
  AsyncLineAppender& operator=(const AsyncLineAppender&) = delete;

  // `line` is written as given (include its "\n").
  void append(const std::filesystem::path& file, std::string line);
  // Returns once every line queued before the call is written and flushed.
  void drain();
  uint64_t dropped() const;
  uint64_t failed() const;  // lines a write error lost (reported once on stderr)

 private:
  void run();

  const size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable wake_, done_;
  std::deque<std::pair<std::filesystem::path, std::string>> queue_;
  uint64_t queued_total_ = 0, written_total_ = 0, dropped_ = 0, failed_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace lab
