#include "server/async_line_appender.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <memory>

namespace fs = std::filesystem;

namespace lab {

AsyncLineAppender::AsyncLineAppender(size_t max_queued) : max_queued_(max_queued), thread_([this] { run(); }) {}

AsyncLineAppender::~AsyncLineAppender() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void AsyncLineAppender::append(const fs::path& file, std::string line) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (queue_.size() >= max_queued_) {
      ++dropped_;
      return;
    }
    queue_.emplace_back(file, std::move(line));
    ++queued_total_;
  }
  wake_.notify_one();
}

void AsyncLineAppender::drain() {
  std::unique_lock<std::mutex> lock(mu_);
  uint64_t target = queued_total_;
  done_.wait(lock, [&] { return written_total_ >= target; });
}

uint64_t AsyncLineAppender::dropped() const {
  std::lock_guard<std::mutex> lock(mu_);
  return dropped_;
}

uint64_t AsyncLineAppender::failed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_;
}

void AsyncLineAppender::run() {
  std::map<fs::path, std::unique_ptr<std::ofstream>> open;
  bool reported = false;
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty() && stopping_) return;
    std::deque<std::pair<fs::path, std::string>> batch;
    batch.swap(queue_);
    lock.unlock();
    uint64_t lost = 0;
    std::map<fs::path, std::ofstream*> touched;
    for (auto& [file, line] : batch) {
      auto& out = open[file];
      if (!out || !*out) {
        std::error_code ec;
        fs::create_directories(file.parent_path(), ec);
        out = std::make_unique<std::ofstream>(file, std::ios::binary | std::ios::app);
      }
      *out << line;
      if (!*out) ++lost;
      touched[file] = out.get();
    }
    for (auto& [file, out] : touched) {
      out->flush();
      if (!*out && !reported) {
        std::cerr << "lab serve: cannot write the request log " << file.string()
                  << " (storage full or not writable?); predictions are still served" << std::endl;
        reported = true;
      }
      if (!*out) open.erase(file);  // reopen on the next line, the disk may have recovered
    }
    lock.lock();
    failed_ += lost;
    written_total_ += batch.size();
    done_.notify_all();
  }
}

}  // namespace lab
