#pragma once
// The outbox journal on disk: one JSON record per line, appended and fsync'ed before the caller
// goes on (so an acknowledged step survives a crash or power loss), rewritten atomically
// (temporary file + rename) when compacted. In the browser the folder sits on IDBFS.
#include <filesystem>
#include <functional>

#include "core/sync/outbox.hpp"

namespace lab::sync {

class FileJournal : public JournalFile {
 public:
  explicit FileJournal(std::filesystem::path path) : path_(std::move(path)) {}
  // Called after each write (the browser schedules an IndexedDB flush).
  void set_on_write(std::function<void()> cb) { on_write_ = std::move(cb); }
  const std::filesystem::path& path() const { return path_; }

  std::vector<std::string> read_lines() override;
  void append_line(const std::string& line) override;
  void replace_all(const std::vector<std::string>& lines) override;

 private:
  std::filesystem::path path_;
  std::function<void()> on_write_;
};

// Where the outbox for one (server, remote experiment) pair lives: "<store>-sync/<id>.jsonl",
// beside the store as the dataset journal is. A new server or experiment starts a new outbox.
std::filesystem::path outbox_path(const std::filesystem::path& store_root, const std::string& server_url,
                                  const std::string& experiment_name);

}  // namespace lab::sync
