#pragma once
// Keeps the current dataset and its versions across reloads, in "<store>-data/" beside the
// tracking store (the folder the browser syncs to IndexedDB). It records how the data was made
// (a workshop generator's name, rows and seed, or the imported CSV text) and every later change
// (target, column roles) with the content hash each step gave; a new session replays the steps
// and keeps the result only if it reproduces the recorded hashes.
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lab {

struct DatasetVersionNote {
  std::string hash, change;  // change in words: "generated loan (5000 rows, seed 42)", "target: income"
};

class DatasetJournal {
 public:
  explicit DatasetJournal(std::filesystem::path folder) : folder_(std::move(folder)) {}
  void set_on_write(std::function<void()> cb) { on_write_ = std::move(cb); }

  // A new dataset: the journal starts over.
  void generated(const std::string& name, int64_t rows, uint64_t seed, const std::string& hash);
  void imported(const std::string& name, const std::string& csv_text, const std::string& target, const std::string& hash);
  // A new version of the current dataset.
  void target_set(const std::string& column, const std::string& hash);
  void role_set(const std::string& column, const std::string& role, const std::string& hash);
  // The participant's task choice (data.set_task). Not a new version (the rows are the same), so
  // it adds a step but no version note; a later choice replaces an earlier one that was last.
  void task_set(const std::string& task, const std::string& hash);

  const std::vector<DatasetVersionNote>& versions() const { return versions_; }
  // The recorded steps (origin first), as written; empty when nothing was saved.
  nlohmann::json steps() const;
  std::string imported_text() const;  // the saved CSV of an imported origin
  // Takes the saved journal as the current one (after a successful replay; nothing is written).
  void adopt(const nlohmann::json& steps);
  void clear();

 private:
  void add(nlohmann::json step, const std::string& hash, const std::string& change, bool restart);
  void save();
  std::filesystem::path folder_;
  std::function<void()> on_write_;
  nlohmann::json steps_ = nlohmann::json::array();
  std::vector<DatasetVersionNote> versions_;
};

}  // namespace lab
