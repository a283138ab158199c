#include "commands/dataset_journal.hpp"

#include "io/text_file.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace lab {

namespace {
const char* kJournal = "current.json";
const char* kImported = "imported.csv";
}  // namespace

void DatasetJournal::generated(const std::string& name, int64_t rows, uint64_t seed, const std::string& hash) {
  add({{"kind", "generate"}, {"name", name}, {"rows", rows}, {"seed", seed}}, hash,
      "generated " + name + " (" + std::to_string(rows) + " rows, seed " + std::to_string(seed) + ")", true);
}

void DatasetJournal::imported(const std::string& name, const std::string& csv_text, const std::string& target,
                              const std::string& hash) {
  fs::create_directories(folder_);
  write_text_file(folder_ / kImported, csv_text);
  add({{"kind", "import"}, {"name", name}, {"target", target}}, hash, "imported " + name, true);
}

void DatasetJournal::target_set(const std::string& column, const std::string& hash) {
  add({{"kind", "target"}, {"column", column}}, hash, "target: " + column, false);
}

void DatasetJournal::role_set(const std::string& column, const std::string& role, const std::string& hash) {
  add({{"kind", "role"}, {"column", column}, {"role", role}}, hash, column + " as " + role, false);
}

void DatasetJournal::task_set(const std::string& task, const std::string& hash) {
  if (!steps_.empty() && steps_.back().value("kind", "") == "task") steps_.erase(steps_.size() - 1);
  steps_.push_back({{"kind", "task"}, {"task", task}, {"hash", hash}, {"change", "task: " + task}});
  save();
}

void DatasetJournal::add(json step, const std::string& hash, const std::string& change, bool restart) {
  if (restart) {
    steps_ = json::array();
    versions_.clear();
  }
  step["hash"] = hash;
  step["change"] = change;
  steps_.push_back(step);
  versions_.push_back({hash, change});
  save();
}

json DatasetJournal::steps() const {
  fs::path p = folder_ / kJournal;
  if (!fs::exists(p)) return json::array();
  json j = json::parse(read_text_file(p), nullptr, false);
  return j.is_object() && j.contains("steps") && j["steps"].is_array() ? j["steps"] : json::array();
}

std::string DatasetJournal::imported_text() const {
  fs::path p = folder_ / kImported;
  return fs::exists(p) ? read_text_file(p) : std::string();
}

void DatasetJournal::adopt(const json& steps) {
  steps_ = steps;
  versions_.clear();
  for (const auto& s : steps_)
    if (s.value("kind", "") != "task") versions_.push_back({s.value("hash", ""), s.value("change", "")});
}

void DatasetJournal::clear() {
  steps_ = json::array();
  versions_.clear();
  std::error_code ec;
  fs::remove(folder_ / kJournal, ec);
  fs::remove(folder_ / kImported, ec);
  if (on_write_) on_write_();
}

void DatasetJournal::save() {
  fs::create_directories(folder_);
  write_text_file(folder_ / kJournal, json{{"version", 1}, {"steps", steps_}}.dump(2));
  if (on_write_) on_write_();
}

}  // namespace lab
